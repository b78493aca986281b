package io.quiver.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quiver.executor.QuiverException;
import io.quiver.server.StatementResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scripts print the engine's notices after each statement, on stderr, also after a failed statement. */
class ScriptRunnerTest {
  /** Answers each statement with a message or an error and has one notice per statement. */
  private static final class NoticingRunner implements StatementRunner {
    final List<String> pending = new ArrayList<>();

    @Override
    public StatementResult execute(String sql) {
      pending.add("notice of " + sql);
      if (sql.startsWith("FAIL")) {
        throw new QuiverException("it failed");
      }
      return StatementResult.message("ran " + sql);
    }

    @Override
    public List<String> notices() {
      List<String> out = List.copyOf(pending);
      pending.clear();
      return out;
    }
  }

  @Test
  void noticesGoToStderrAfterTheirStatement() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ScriptRunner runner = new ScriptRunner(new NoticingRunner(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), OutputFormat.TABLE);
    assertThrows(QuiverException.class, () -> runner.run("SELECT 1; FAIL; SELECT 2"));
    assertEquals("ran SELECT 1\n", out.toString(StandardCharsets.UTF_8));
    assertEquals("Note: notice of SELECT 1\nNote: notice of FAIL\n", err.toString(StandardCharsets.UTF_8));
  }
}
