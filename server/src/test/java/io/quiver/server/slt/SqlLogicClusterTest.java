package io.quiver.server.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.server.QuiverEngine;
import io.quiver.server.Session;
import io.quiver.server.cluster.ProcessCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The third mode of the slt suite: every {@code .slt} file on a cluster of two worker processes
 * (separate JVMs on 127.0.0.1, tasks and blocks over Arrow Flight), one cluster for the whole class
 * (JVM start-up is the expensive part) and a fresh session per file. Records marked
 * {@code skipif scheduled} / {@code onlyif scheduled} apply here too: it is the same scheduler, with
 * remote workers. Each file must leave no Arrow memory behind in the coordinator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlLogicClusterTest {
  @TempDir
  Path scratch;

  private QuiverEngine engine;
  private ProcessCluster cluster;

  @BeforeAll
  void startCluster() throws Exception {
    engine = new QuiverEngine();
    cluster = ProcessCluster.start(engine, 2);
  }

  @AfterAll
  void stopCluster() {
    cluster.close();
    engine.close();
  }

  @TestFactory
  Stream<DynamicTest> sltFilesOnWorkerProcesses() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(SqlLogicTest.SLT_DIR)) {
      files = s.filter(p -> p.toString().endsWith(".slt")).sorted().toList();
    }
    assertTrue(files.size() > 0, "no .slt files in " + SqlLogicTest.SLT_DIR.toAbsolutePath());
    return files.stream().map(f -> DynamicTest.dynamicTest("cluster " + f.getFileName(), () -> runFile(f)));
  }

  private void runFile(Path file) throws IOException {
    assertEquals(2, cluster.membership().live().size(), "both workers are alive before " + file.getFileName());
    Path dir = Files.createDirectories(scratch.resolve("cluster-" + file.getFileName()));
    List<String> failures;
    long before = engine.allocatedMemory();
    try (Session session = engine.newSession()) {
      failures = new SltRunner(file, SqlLogicTest.DATA, dir, "scheduled").run(session);
    }
    assertTrue(failures.isEmpty(), String.join("\n\n", failures));
    assertEquals(before, engine.allocatedMemory(), "Arrow memory left after " + file.getFileName());
  }
}
