package io.quiver.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.server.QuiverEngine;
import io.quiver.server.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interactive shell at a (virtual) terminal: typed keys in, the drawn screen checked. */
class ReplTerminalTest {
  private static final Path MNIST = Path.of(System.getProperty("quiver.sharedData", "../../shared/data"))
      .resolve("mnist/50_per_index");

  @TempDir
  Path dir;
  private QuiverEngine engine;
  private Session session;

  @BeforeEach
  void open() {
    engine = new QuiverEngine();
    session = engine.newSession();
  }

  @AfterEach
  void close() {
    session.close();
    engine.close();
  }

  private TerminalDriver shell() throws Exception {
    return new TerminalDriver(new EmbeddedBackend(session), dir.resolve("history"), 100);
  }

  @Test
  void aQueryPrintsItsTable() throws Exception {
    try (TerminalDriver t = shell()) {
      t.await("quiver> ");
      t.type("SELECT 1 AS a, 'x' AS b, CAST(NULL AS INTEGER) AS n;\r");
      String out = t.await("(1 row)");
      assertTrue(out.contains("│       1 │ x       │    NULL │"), out);
      assertTrue(t.raw().contains("\033[2mNULL"), "NULL is dimmed");
      assertEquals(0, t.quit());
    }
  }

  @Test
  void tabCompletesATableName() throws Exception {
    session.execute("CREATE TABLE predictions AS SELECT id * 10 AS completed_ok FROM range(3)").close();
    try (TerminalDriver t = shell()) {
      t.await("quiver> ");
      t.type("SELECT * FROM pr\t");
      t.await("predictions");
      t.type(";\r");
      String out = t.await("(3 rows)");
      assertTrue(out.contains("completed_ok"), out);
    }
  }

  @Test
  void multiLineStatementsAndPersistentHistory() throws Exception {
    try (TerminalDriver t = shell()) {
      t.await("quiver> ");
      t.type("SELECT\r");
      t.await("-> ");
      t.type("  41 + 1 AS answer -- a comment; not the end\r");
      t.await("-> ");
      t.type(";\r");
      String out = t.await("(1 row)");
      assertTrue(out.contains("answer") && out.contains("42"), out);
      t.type("SET s3_secret_access_key = 'do-not-keep-me';\r");
      t.await("SET s3_secret_access_key = ****"); // its result, so the next prompt is the one after it
      t.await("quiver> ");
      assertEquals(0, t.quit());
    }
    String history = Files.readString(dir.resolve("history"));
    assertTrue(history.contains("41 + 1 AS answer"), "history saved");
    assertFalse(history.contains("do-not-keep-me"), "a statement with a secret stays out of the history");
    try (TerminalDriver t = shell()) {
      t.await("quiver> ");
      t.type("\u0010\r"); // Ctrl-P (as Up): the last statement, from the file
      String out = t.await("(1 row)");
      assertTrue(out.contains("42"), out);
    }
  }

  @Test
  void ctrlCCancelsALongQueryAndTheShellGoesOn() throws Exception {
    try (TerminalDriver t = shell()) {
      t.await("quiver> ");
      t.type("SELECT COUNT(*) FROM range(1000000) a, range(1000000) b;\r");
      String progress = t.await("rows", Duration.ofSeconds(10));
      assertTrue(progress.contains("Ctrl-C cancels"), progress);
      t.type("\u0003");
      t.await("Error: ", Duration.ofSeconds(10));
      assertTrue(t.await("quiver> ").contains("cancelled"), t.text());
      assertEquals(0, session.runningQueries());
      t.type("SELECT 7 AS seven;\r");
      assertTrue(t.await("(1 row)").contains("7"));
      t.type("\u0003"); // at the prompt: clears the line, the shell stays
      t.type("SELECT 8 AS eight;\r");
      assertTrue(t.await("(1 row)").contains("8"));
    }
  }

  @Test
  void imagesAreDrawnWithHalfBlocks() throws Exception {
    try (TerminalDriver t = shell()) {
      t.await("quiver> ");
      t.type("SELECT image FROM read_images('" + MNIST.resolve("7") + "') LIMIT 2;\r");
      String out = t.await("(2 rows)");
      assertTrue(out.contains("tensor<uint8>[28,28]"), out);
      t.await("quiver> ");
      assertTrue(t.text().contains("row 2 image"), t.text());
      String raw = t.raw();
      assertTrue(raw.contains("\033[38;5;") && raw.contains("▀"), "half blocks in 256 colours");
      t.type(".images off\r");
      t.type("SELECT image FROM read_images('" + MNIST.resolve("7") + "') LIMIT 1;\r");
      String plain = t.await("(1 row)");
      assertTrue(!plain.contains("▀"), plain);
    }
  }
}
