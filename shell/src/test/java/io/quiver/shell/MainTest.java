package io.quiver.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: -c, -f (file and stdin), output formats, settings and exit codes. */
class MainTest {
  private static final String MNIST = Path.of(System.getProperty("quiver.sharedData", "../../shared/data"))
      .resolve("mnist/50_per_index").toString();

  private record Run(int code, String out, String err) {}

  private static Run run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theIssuesDoneQueryPrintsTenRowsOfFifty() {
    Run r = run("", "-c", "SELECT CAST(split_part(path, '/', -2) AS INT) AS label, COUNT(*) AS n FROM read_images('"
        + MNIST + "', include_paths => true) GROUP BY 1 ORDER BY 1", "--format", "csv");
    assertEquals(0, r.code(), r.err());
    StringBuilder expected = new StringBuilder("label,n\n");
    for (int i = 0; i < 10; i++) {
      expected.append(i).append(",50\n");
    }
    assertEquals(expected.toString(), r.out());
  }

  @Test
  void describeShowsTheTensorType() {
    Run r = run("", "-c", "DESCRIBE SELECT * FROM read_images('" + MNIST + "', include_paths => true)", "--format", "tsv");
    assertEquals("column_name\tcolumn_type\tnull\nimage\tTENSOR<UINT8>[28,28]\tYES\npath\tVARCHAR\tYES\n", r.out());
  }

  @Test
  void severalStatementsAndFormats() {
    Run json = run("", "-c", "SELECT 1 AS a, 'x' AS b; SELECT 2.5 AS c", "--format", "json");
    assertEquals("[\n{\"a\":1,\"b\":\"x\"}\n]\n[\n{\"c\":2.5}\n]\n", json.out());
    Run md = run("", "-c", "SELECT id FROM range(2)", "--format", "markdown");
    assertEquals("| id |\n|---|\n| 0 |\n| 1 |\n", md.out());
    Run table = run("", "-c", "SELECT id, NULL AS n FROM range(1)", "--format", "table");
    assertTrue(table.out().contains("│ id │  n   │") || table.out().contains("NULL"), table.out());
    assertTrue(table.out().contains("(1 row)"), table.out());
  }

  @Test
  void scriptFromFileAndStdinWithSettings(@TempDir Path dir) throws IOException {
    Path script = dir.resolve("s.sql");
    Files.writeString(script, "-- a script\nCREATE TABLE t AS SELECT id FROM range(3);\nSELECT SUM(id) AS s FROM t;\n");
    assertEquals("s\n3\n", run("", "-f", script.toString(), "--format", "csv").out());
    assertEquals("s\n3\n", run(Files.readString(script), "-f", "-", "--format", "csv").out());
    Run conf = run("", "--conf", "threads=1", "-c", "SHOW SETTINGS", "--format", "csv");
    assertTrue(conf.out().contains("threads,1,"), conf.out());
  }

  @Test
  void errorsExitNonZeroWithOneParagraphAndStopTheScript() {
    Run r = run("", "-c", "SELECT 1 AS a; SELECT nme FROM range(3); SELECT 2 AS b", "--format", "csv");
    assertEquals(1, r.code());
    assertEquals("a\n1\n", r.out());
    assertTrue(r.err().startsWith("Error: Error at line 1, column 8: Column 'nme' not found"), r.err());
    assertTrue(r.err().contains("^^^"), r.err());
    assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
  }

  @Test
  void badArgumentsAndMissingFiles() {
    assertEquals(2, run("", "--format", "xml", "-c", "SELECT 1").code());
    Run missing = run("", "-f", "/no/such/file.sql");
    assertEquals(1, missing.code());
    assertTrue(missing.err().contains("no such file"), missing.err());
  }
}
