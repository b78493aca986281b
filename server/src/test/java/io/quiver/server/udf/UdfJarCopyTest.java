package io.quiver.server.udf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.udf.UdfJarCache;
import io.quiver.server.QuiverEngine;
import io.quiver.server.Session;
import io.quiver.server.TestRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Functions run from the engine's private copy of their jar: deleting the file a function was created
 * from breaks neither it nor a later CREATE FUNCTION from another copy with the same content (which
 * shares its class loader).
 */
class UdfJarCopyTest {
  @TempDir Path dir;

  @Test
  void deletingTheJarAfterCreateFunctionBreaksNothing() throws Exception {
    Map<String, String> resources = new HashMap<>(TestUdfSources.services());
    resources.put("udf-jar-copy-test.txt", "a jar content no other test loads"); // a fresh class loader
    Path built = TestJars.build(dir, "udfs.jar", TestUdfSources.all(), resources);
    Path first = Files.copy(built, dir.resolve("first.jar"));
    Path second = Files.copy(built, dir.resolve("second.jar"));
    try (QuiverEngine engine = new QuiverEngine(); Session s = engine.newSession()) {
      s.execute("CREATE FUNCTION twice_a AS 't.Twice' USING JAR '" + first + "'").close();
      Files.delete(first);
      // The ServiceLoader scan of LOAD JAR and the class checks of CREATE FUNCTION read the jar again.
      s.execute("CREATE FUNCTION twice_b AS 't.Twice' USING JAR '" + second + "'").close();
      s.execute("LOAD JAR '" + second + "'").close();
      Files.delete(second);
      assertEquals(List.of("[3, 6, 6, 6]"), TestRows.quiver(s, "SELECT id, twice_a(id), twice_b(id), twice(id) "
          + "FROM range(4) WHERE id = 3"));
      String show = TestRows.quiver(s, "SHOW FUNCTIONS").toString();
      assertTrue(show.contains(first.toString()) && show.contains(second.toString()), "SHOW FUNCTIONS names the "
          + "jar as written: " + show);
      s.execute("CREATE OR REPLACE FUNCTION twice_a AS 't.Twice' USING JAR '" + built + "'").close();
      assertEquals(List.of("[8]"), TestRows.quiver(s, "SELECT twice_a(id) FROM range(5) WHERE id = 4"));
    }
    try (var cached = Files.list(UdfJarCache.cacheDir())) {
      assertTrue(cached.anyMatch(p -> p.getFileName().toString().matches("[0-9a-f]{64}\\.jar")));
    }
  }
}
