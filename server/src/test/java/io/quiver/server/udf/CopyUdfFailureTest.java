package io.quiver.server.udf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.QuiverException;
import io.quiver.server.QuiverEngine;
import io.quiver.server.Session;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A UDF that throws in the middle of a COPY: the target stays absent (or unchanged) and no staging is left. */
class CopyUdfFailureTest {
  @TempDir Path dir;

  private static List<String> tree(Path p) throws IOException {
    try (Stream<Path> w = Files.walk(p)) {
      return w.filter(x -> !x.equals(p)).map(x -> p.relativize(x).toString()).sorted().toList();
    }
  }

  @Test
  void udfFailingMidCopyLeavesNothingBehind() throws Exception {
    Path jar = TestJars.build(dir, "udfs.jar", TestUdfSources.all(), TestUdfSources.services());
    Path images = Files.createDirectories(dir.resolve("images"));
    for (int i = 0; i < 40; i++) {
      BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
      img.getRaster().setSample(0, 0, 0, i == 33 ? 255 : i); // the 34th image makes the UDF throw
      ImageIO.write(img, "png", images.resolve(String.format("img_%02d.png", i)).toFile());
    }
    Path parent = Files.createDirectories(dir.resolve("parent"));
    Path out = parent.resolve("out");
    try (QuiverEngine engine = new QuiverEngine(); Session s = engine.newSession()) {
      s.execute("CREATE FUNCTION norm AS 't.Norm' USING JAR '" + jar + "' WITH (strict = true, batch_size = 4, "
          + "concurrency = 1)").close();
      s.execute("SET batch_size = 4").close();
      String copy = "COPY (SELECT path, norm(image) AS x FROM read_images('" + images + "', include_paths => true)) TO '"
          + out + "' (FORMAT parquet, FILE_SIZE_BYTES 1000)";
      QuiverException e = assertThrows(QuiverException.class, () -> s.execute(copy).close());
      assertTrue(e.getMessage().contains("saturated image") && e.getMessage().contains("norm"), e.getMessage());
      assertEquals(List.of(), tree(parent), "no target and no staging after the failure");

      // With OVERWRITE over an existing output, the failure leaves the old output exactly as it was.
      s.execute("COPY (SELECT path FROM read_images('" + images + "', include_paths => true)) TO '" + out
          + "' (FORMAT parquet)").close();
      List<String> before = tree(parent);
      assertThrows(QuiverException.class, () -> s.execute(copy.replace("FILE_SIZE_BYTES 1000", "FILE_SIZE_BYTES 1000, "
          + "OVERWRITE true")).close());
      assertEquals(before, tree(parent));
    }
  }
}
