package io.quiver.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.server.QuiverEngine;
import io.quiver.server.flight.FlightServerConfig;
import io.quiver.server.flight.QuiverFlightServer;
import io.quiver.server.flight.auth.UserStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code quiver shell --connect}: the same output as the embedded shell, through Flight SQL. */
class RemoteShellTest {
  private static final String MNIST = Path.of(System.getProperty("quiver.sharedData", "../../shared/data"))
      .resolve("mnist/50_per_index").toString();
  private static QuiverEngine engine;
  private static QuiverFlightServer server;

  private record Run(int code, String out, String err) {}

  @BeforeAll
  static void start() throws Exception {
    engine = new QuiverEngine();
    server = QuiverFlightServer.start(engine, FlightServerConfig.local(0, UserStore.single("alice", "secret".toCharArray())));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    engine.close();
  }

  private static Run run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Run remote(String sql, String format) {
    return run("secret\n", "shell", "--connect", "127.0.0.1:" + server.port(), "--user", "alice", "-c", sql, "--format", format);
  }

  @Test
  void remoteOutputEqualsEmbeddedOutput() {
    String sql = "CREATE TABLE t AS SELECT CAST(split_part(path, '/', -2) AS INT) AS label, image FROM read_images('" + MNIST
        + "', include_paths => true); SELECT label, COUNT(*) AS n FROM t GROUP BY label ORDER BY label; "
        + "SELECT image FROM t LIMIT 1; DESCRIBE t";
    for (String format : new String[] {"table", "csv", "json"}) {
      Run embedded = run("", "-c", sql, "--format", format);
      Run remote = remote(sql, format);
      assertEquals(0, embedded.code(), embedded.err());
      assertEquals(0, remote.code(), remote.err());
      assertEquals(embedded.out(), remote.out(), format);
    }
    assertTrue(remote("CREATE TABLE u AS SELECT * FROM range(7)", "table").out().contains("Created table u (7 rows)."));
  }

  @Test
  void errorsAndBadLoginsExitWithOne() {
    Run bad = remote("SELECT nope FROM range(3)", "csv");
    assertEquals(1, bad.code());
    assertTrue(bad.err().startsWith("Error: ") && bad.err().contains("nope"), bad.err());
    Run refused = run("wrong\n", "shell", "--connect", "127.0.0.1:" + server.port(), "--user", "alice", "-c", "SELECT 1");
    assertEquals(1, refused.code());
    assertTrue(refused.err().contains("Invalid user or password"), refused.err());
  }

  @Test
  void completionNamesComeThroughFlightSqlMetadata() {
    try (RemoteSession remote = new RemoteSession("127.0.0.1", server.port(), "alice", "secret".toCharArray(), null)) {
      remote.execute("CREATE TABLE remote_preds AS SELECT id AS label FROM range(2)").close();
      CompletionData data = remote.completions();
      assertTrue(data.tables().contains("remote_preds"), data.tables().toString());
      assertEquals(java.util.List.of("label"), data.columns("remote_preds"));
      assertEquals(java.util.List.of("image", "path"),
          data.columns("read_images('" + MNIST + "', include_paths => true)"));
      assertTrue(data.functions().contains("split_part"));
      assertTrue(data.tableFunctions().contains("read_images"));
    }
  }

  @Test
  void cancelStopsARemoteQueryAndTheSessionGoesOn() throws Exception {
    try (RemoteSession remote = new RemoteSession("127.0.0.1", server.port(), "alice", "secret".toCharArray(), null)) {
      try (io.quiver.server.StatementResult r = remote.execute("SELECT a.id FROM range(1000000) a, range(1000000) b")) {
        r.stream().next().close();
        remote.cancel();
        io.quiver.executor.QuiverException e = org.junit.jupiter.api.Assertions.assertThrows(
            io.quiver.executor.QuiverException.class, () -> {
              org.apache.arrow.vector.VectorSchemaRoot b;
              while ((b = r.stream().next()) != null) {
                b.close();
              }
            });
        assertTrue(e.getMessage().toLowerCase().contains("cancel"), e.getMessage());
      }
      try (io.quiver.server.StatementResult r = remote.execute("SELECT 7 AS seven")) {
        org.apache.arrow.vector.VectorSchemaRoot b = r.stream().next();
        assertEquals(1, b.getRowCount());
        b.close();
      }
    }
  }
}
