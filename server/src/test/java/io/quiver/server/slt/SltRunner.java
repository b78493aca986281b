package io.quiver.server.slt;

import io.quiver.executor.QuiverException;
import io.quiver.server.Session;
import io.quiver.server.StatementResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Runs one {@code .slt} file against a session. {@code ${DATA}} in SQL is the shared fixtures folder and
 * {@code ${TMP}} a scratch folder of this file. With {@code -Dslt.complete=true} the expected rows are
 * rewritten from what the engine returns, for a person to review as a diff.
 */
final class SltRunner {
  private final Path file;
  private final Path dataDir;
  private final Path scratch;
  private final String mode;

  SltRunner(Path file, Path dataDir, Path scratch) {
    this(file, dataDir, scratch, "embedded");
  }

  /** @param mode how the session runs queries ("embedded" or "scheduled"), for skipif/onlyif */
  SltRunner(Path file, Path dataDir, Path scratch, String mode) {
    this.file = file;
    this.dataDir = dataDir;
    this.scratch = scratch;
    this.mode = mode;
  }

  /** Runs every record; returns a list of failures (empty when the file passes). */
  List<String> run(Session session) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<SltRecord> records = SltParser.parse(lines);
    List<String> failures = new ArrayList<>();
    List<String[]> completions = new ArrayList<>();
    for (SltRecord r : records) {
      if (!r.runsIn(mode)) {
        continue;
      }
      String sql = substitute(r.sql());
      String where = file.getFileName() + ":" + r.line();
      switch (r.kind()) {
        case STATEMENT_OK -> {
          try (StatementResult res = session.execute(sql)) {
            drain(res);
          } catch (QuiverException e) {
            failures.add(where + ": expected success, got: " + e.getMessage());
          }
        }
        case STATEMENT_ERROR -> {
          try (StatementResult res = session.execute(sql)) {
            drain(res);
            failures.add(where + ": expected an error containing '" + r.expectedError() + "', but it succeeded");
          } catch (QuiverException e) {
            String msg = e.getMessage().toLowerCase(Locale.ROOT);
            if (!msg.contains(r.expectedError().toLowerCase(Locale.ROOT))) {
              failures.add(where + ": expected an error containing '" + r.expectedError() + "', got: " + e.getMessage());
            }
          }
        }
        case QUERY -> {
          List<String> actual;
          try (StatementResult res = session.execute(sql)) {
            actual = rows(res, r.types().length());
          } catch (QuiverException e) {
            failures.add(where + ": query failed: " + e.getMessage());
            continue;
          } catch (IllegalStateException e) {
            failures.add(where + ": " + e.getMessage());
            continue;
          }
          if (r.rowsort()) {
            Collections.sort(actual);
          }
          if (mode.equals("embedded") || r.onlyIf().contains(mode)) {
            // Other modes complete only their own records: shared records are the embedded engine's.
            completions.add(new String[] {Integer.toString(r.line()), unsubstitute(String.join("\n", actual))});
          }
          List<String> expected = new ArrayList<>();
          r.expected().forEach(e -> expected.add(substitute(e)));
          if (r.rowsort()) {
            Collections.sort(expected);
          }
          if (!expected.equals(actual)) {
            failures.add(where + ": rows differ\n  expected:\n    " + String.join("\n    ", expected)
                + "\n  actual:\n    " + String.join("\n    ", actual));
          }
        }
      }
    }
    if (Boolean.getBoolean("slt.complete") && !completions.isEmpty()) {
      SltCompleter.rewrite(file, lines, completions);
    }
    return failures;
  }

  /** {@code ${DATA}} and {@code ${TMP}} replaced, in SQL and in expected rows. */
  private String substitute(String text) {
    return text.replace("${DATA}", dataDir.toString()).replace("${TMP}", scratch.toString());
  }

  /** The inverse of {@link #substitute}, so completed files stay portable. */
  private String unsubstitute(String text) {
    return text.replace(dataDir.toString(), "${DATA}").replace(scratch.toString(), "${TMP}");
  }

  private static void drain(StatementResult res) {
    if (res.hasRows()) {
      VectorSchemaRoot b;
      while ((b = res.stream().next()) != null) {
        b.close();
      }
    }
  }

  private static List<String> rows(StatementResult res, int expectedColumns) {
    List<String> out = new ArrayList<>();
    if (!res.hasRows()) {
      throw new IllegalStateException("the statement returned no rows, only: " + res.message());
    }
    if (res.schema().getFields().size() != expectedColumns) {
      throw new IllegalStateException("expected " + expectedColumns + " columns, got "
          + res.schema().getFields().size() + " " + res.schema().getFields());
    }
    VectorSchemaRoot b;
    while ((b = res.stream().next()) != null) {
      try (VectorSchemaRoot batch = b) {
        for (int row = 0; row < batch.getRowCount(); row++) {
          List<String> values = new ArrayList<>();
          for (int c = 0; c < batch.getFieldVectors().size(); c++) {
            values.add(SltValues.format(batch.getVector(c), row));
          }
          out.add(String.join("\t", values));
        }
      }
    }
    return out;
  }
}
