package io.quiver.server.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.server.QuiverEngine;
import io.quiver.server.Session;
import io.quiver.server.cluster.InProcessCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every {@code src/test/resources/slt/*.slt} file in a fresh engine and session, twice: embedded
 * (everything in this process, as without workers) and scheduled (through the cluster scheduler on two
 * in-process workers, each query cut into stages), and checks that each file leaves no Arrow memory and
 * no blocks on the workers behind.
 */
class SqlLogicTest {
  static final Path SLT_DIR = Path.of("src/test/resources/slt");
  static final Path DATA = Path.of(System.getProperty("quiver.sharedData", "../../shared/data")).toAbsolutePath().normalize();

  @TempDir
  Path scratch;

  @TestFactory
  Stream<DynamicTest> sltFiles() throws IOException {
    return files().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> runFile(f)));
  }

  @TestFactory
  Stream<DynamicTest> sltFilesScheduled() throws IOException {
    return files().stream().map(f -> DynamicTest.dynamicTest("scheduled " + f.getFileName(), () -> runScheduled(f)));
  }

  private static List<Path> files() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(SLT_DIR)) {
      files = s.filter(p -> p.toString().endsWith(".slt")).sorted().toList();
    }
    assertTrue(files.size() > 0, "no .slt files in " + SLT_DIR.toAbsolutePath());
    return files;
  }

  private void runScheduled(Path file) throws IOException {
    Path dir = Files.createDirectories(scratch.resolve("scheduled-" + file.getFileName()));
    List<String> failures;
    try (QuiverEngine engine = new QuiverEngine()) {
      try (InProcessCluster cluster = new InProcessCluster(engine, 2, 1)) {
        try (Session session = engine.newSession()) {
          failures = new SltRunner(file, DATA, dir, "scheduled").run(session);
        }
        assertEquals(0, cluster.storedBlocks(), "blocks left on the workers after " + file.getFileName());
      }
      assertEquals(0, engine.allocatedMemory(), "Arrow memory left after " + file.getFileName());
    }
    assertTrue(failures.isEmpty(), String.join("\n\n", failures));
  }

  private void runFile(Path file) throws IOException {
    Path dir = Files.createDirectories(scratch.resolve(file.getFileName().toString()));
    List<String> failures;
    try (QuiverEngine engine = new QuiverEngine()) {
      try (Session session = engine.newSession()) {
        failures = new SltRunner(file, DATA, dir).run(session);
      }
      assertEquals(0, engine.allocatedMemory(), "Arrow memory left after " + file.getFileName());
    }
    assertTrue(failures.isEmpty(), String.join("\n\n", failures));
  }
}
