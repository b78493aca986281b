package io.quiver.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.sql.statement.StatementSplitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The statements of examples/walkthrough.sql with their relative paths made absolute, for tests that run
 * the SPEC walk-through from a module directory (embedded and through JDBC); COPY's {@code out/} target
 * becomes a fresh folder under the module's target/ on every call. The SPEC's S3 COPY is a {@code -- s3: }
 * comment in the script, a statement only in {@link #statements(boolean)} with S3.
 */
public final class WalkthroughScript {
  public static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  public static final Path DATA = Path.of(System.getProperty("quiver.sharedData", "../../shared/data"))
      .toAbsolutePath().normalize();
  /** The model's per-label accuracy on the 500 held-out images (as the example module's DJL test computes). */
  public static final double[] ACCURACY = {1.0, 0.96, 0.98, 1.0, 1.0, 0.98, 0.96, 0.96, 0.94, 0.94};

  /** The prefix of the script's lines that are statements only where S3 is configured. */
  public static final String S3_LINE = "-- s3: ";

  private WalkthroughScript() {}

  /** The SPEC statements that run without S3 (the S3 COPY left out). */
  public static List<String> statements() throws IOException {
    return statements(false);
  }

  /** The SPEC statements; with {@code s3} also the S3 COPY ({@value #S3_LINE} lines of the script). */
  public static List<String> statements(boolean s3) throws IOException {
    Path jar = ROOT.resolve("examples/mnist-udfs/target/mnist-udfs.jar");
    assertTrue(Files.exists(jar), "build the example UDF jar first (mvn verify builds it): " + jar);
    String script = Files.readString(ROOT.resolve("examples/walkthrough.sql"));
    if (s3) {
      script = script.replace("\n" + S3_LINE, "\n");
    }
    script = script
        .replace("'../shared/data/", "'" + DATA + "/")
        .replace("'examples/", "'" + ROOT.resolve("examples") + "/")
        .replace("'out/", "'" + Files.createTempDirectory(Path.of("target").toAbsolutePath(), "walkthrough-out") + "/");
    return StatementSplitter.split(script);
  }
}
