package io.quiver.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.server.QuiverEngine;
import io.quiver.server.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.EOFError;
import org.jline.reader.Parser.ParseContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What TAB offers where, with the names coming from a real session through the façade. */
class SqlCompleterTest {
  private static final String MNIST = Path.of(System.getProperty("quiver.sharedData", "../../shared/data"))
      .resolve("mnist/50_per_index").toString();
  private static QuiverEngine engine;
  private static Session session;
  private static SqlCompleter completer;

  @BeforeAll
  static void open() {
    engine = new QuiverEngine();
    session = engine.newSession();
    session.execute("CREATE TABLE preds AS SELECT id AS label, id * 2 AS predicted_label FROM range(3)").close();
    session.execute("CREATE VIEW recent AS SELECT 1 AS one_col").close();
    completer = new SqlCompleter(new EmbeddedBackend(session).completions());
  }

  @AfterAll
  static void close() {
    session.close();
    engine.close();
  }

  /** The values offered with the cursor at '|' that start with the word before it (as JLine filters). */
  private static List<String> at(String textWithCursor) {
    int cursor = textWithCursor.indexOf('|');
    String text = textWithCursor.replace("|", "");
    String word = SqlLineParser.parsed(text, cursor).word().toLowerCase();
    return completer.candidates(text, cursor).stream().map(Candidate::value)
        .filter(v -> v.toLowerCase().startsWith(word)).distinct().toList();
  }

  @Test
  void tablesViewsAndTableFunctionsAfterFrom() {
    assertEquals(List.of("preds"), at("SELECT * FROM pr|"));
    assertEquals(List.of("recent", "read_binary_files(", "read_csv(", "read_images(", "read_json(", "read_parquet("),
        at("select * from re|"));
    assertTrue(at("SELECT * FROM preds p JOIN |").contains("recent"));
    assertTrue(at("SELECT * FROM preds, |").contains("recent"));
    assertTrue(at("DESCRIBE |").contains("preds"));
  }

  @Test
  void columnsOfTheStatementsFromItemsAndOfAnAlias() {
    assertEquals(List.of("label"), at("SELECT lab| FROM preds"));
    assertEquals(List.of("predicted_label"), at("SELECT p.pre| FROM preds p WHERE p.label > 1"));
    assertTrue(at("SELECT * FROM preds WHERE |").containsAll(List.of("label", "predicted_label")));
    // the columns of a table function call, found through the engine without running the query
    assertEquals(List.of("image"), at("SELECT ima| FROM read_images('" + MNIST + "')"));
    assertTrue(at("SELECT pa| FROM read_images('" + MNIST + "', include_paths => true) AS t").contains("path"));
  }

  @Test
  void functionsIncludingUserFunctionsAndKeywordsInTheTypedCase() {
    assertTrue(at("SELECT split|").contains("split_part("));
    assertTrue(at("SELECT cou|").contains("count("));
    assertEquals(List.of("select"), at("sel|"));
    assertEquals(List.of("SELECT"), at("SEL|"));
    assertTrue(at("SELECT * FROM preds ORD|").contains("ORDER"));
  }

  @Test
  void pathsInsideQuotes(@TempDir Path dir) throws Exception {
    Files.createDirectory(dir.resolve("digits"));
    Files.writeString(dir.resolve("data.parquet"), "x");
    List<String> offered = at("SELECT * FROM read_parquet('" + dir + "/d|");
    assertEquals(List.of(dir + "/data.parquet'", dir + "/digits/"), offered);
    assertEquals(List.of(dir + "/digits/"), at("SELECT * FROM read_images('" + dir + "/di|')"));
    assertEquals(List.of(), at("SELECT * FROM read_parquet('s3://bucket/pre|"), "no S3 lister registered");
    PathLister.register("s3", prefix -> List.of(new PathLister.Entry("s3://bucket/prefix/", true)));
    try {
      assertEquals(List.of("s3://bucket/prefix/"), at("SELECT * FROM read_parquet('s3://bucket/pre|"));
    } finally {
      PathLister.BY_SCHEME.remove("s3");
    }
    assertEquals(List.of(), at("SELECT 1 -- a comment about pre|"));
  }

  @Test
  void dotCommandsAndTheirArguments() {
    assertEquals(List.of(".mode"), at(".mo|"));
    assertEquals(List.of("markdown"), at(".mode ma|"));
    assertEquals(List.of("on", "off"), at(".images |"));
  }

  @Test
  void enterContinuesAStatementUntilItsSemicolon() {
    SqlLineParser p = new SqlLineParser();
    assertThrows(EOFError.class, () -> p.parse("SELECT 1", 8, ParseContext.ACCEPT_LINE));
    assertThrows(EOFError.class, () -> p.parse("SELECT ';'", 10, ParseContext.ACCEPT_LINE));
    assertThrows(EOFError.class, () -> p.parse("SELECT 1 -- ;", 13, ParseContext.ACCEPT_LINE));
    p.parse("SELECT\n 1;", 10, ParseContext.ACCEPT_LINE);
    p.parse(".mode csv", 9, ParseContext.ACCEPT_LINE);
    p.parse("  ", 2, ParseContext.ACCEPT_LINE);
  }

  @Test
  void highlightingColoursKeywordsStringsNumbersAndComments() {
    var h = SqlHighlighter.highlight("SELECT 'a', 42 FROM t -- note");
    assertEquals("SELECT 'a', 42 FROM t -- note", h.toString());
    assertEquals(SqlHighlighter.KEYWORD, h.styleAt(0));
    assertEquals(SqlHighlighter.STRING, h.styleAt(8));
    assertEquals(SqlHighlighter.NUMBER, h.styleAt(12));
    assertEquals(SqlHighlighter.KEYWORD, h.styleAt(15));
    assertFalse(SqlHighlighter.KEYWORD.equals(h.styleAt(20)), "a table name is not a keyword");
    assertEquals(SqlHighlighter.COMMENT, h.styleAt(25));
  }
}
