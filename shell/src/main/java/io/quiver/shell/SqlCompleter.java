package io.quiver.shell;

import io.quiver.shell.SqlLexer.Kind;
import io.quiver.shell.SqlLexer.Token;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * TAB completion by context: paths inside quotes, tables and table functions after FROM/JOIN/TABLE/
 * DESCRIBE, the columns of an alias after {@code alias.}, and elsewhere the columns of the statement's
 * FROM items, functions and keywords; dot commands at the start of a line.
 */
final class SqlCompleter implements Completer {
  static final List<String> DOT_COMMANDS = List.of(".help", ".mode", ".timing", ".images", ".tables", ".quit", ".exit");
  private static final List<String> MODES = List.of("table", "csv", "tsv", "json", "markdown");

  private final CompletionData data;

  SqlCompleter(CompletionData data) {
    this.data = data;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    candidates.addAll(candidates(line.line(), line.cursor()));
  }

  /** The candidates at {@code cursor} in {@code text} (the whole, possibly multi-line, input). */
  List<Candidate> candidates(String text, int cursor) {
    List<Candidate> out = new ArrayList<>();
    String before = text.substring(0, cursor);
    if (before.stripLeading().startsWith(".") && !before.contains("\n")) {
      dotCommand(before.stripLeading(), out);
      return out;
    }
    List<Token> tokens = SqlLexer.tokens(text);
    Token at = null;
    for (Token t : tokens) {
      if (t.start() < cursor && cursor <= t.end()) {
        at = t;
        break;
      }
    }
    if (at != null && at.kind() == Kind.COMMENT && (at.open() || cursor < at.end() || at.text().startsWith("--"))) {
      return out;
    }
    if (at != null && at.kind() == Kind.STRING && (at.open() || cursor < at.end())) {
      paths(text.substring(at.start() + 1, cursor), at.open(), out);
      return out;
    }
    int wordStart = at != null && at.kind() == Kind.WORD ? at.start() : cursor;
    String prefix = text.substring(wordStart, cursor);
    int stmtStart = SqlLexer.statementStart(tokens, cursor);
    String statement = text.substring(stmtStart, SqlLexer.statementEnd(tokens, cursor, text.length()));
    List<Token> previous = new ArrayList<>();
    for (Token t : tokens) {
      if (t.start() >= stmtStart && t.end() <= wordStart && t.kind() != Kind.SPACE && t.kind() != Kind.COMMENT) {
        previous.add(t);
      }
    }
    Token last = previous.isEmpty() ? null : previous.get(previous.size() - 1);
    if (last != null && last.isSymbol(".") && previous.size() >= 2) {
      String qualifier = previous.get(previous.size() - 2).text().replace("\"", "");
      for (FromItems.Item item : FromItems.of(statement)) {
        if (item.answersTo(qualifier)) {
          data.columns(item.source()).forEach(c -> out.add(candidate(c, "column", true)));
        }
      }
      return out;
    }
    if (last == null) {
      SqlWords.keywords(prefix).forEach(k -> out.add(candidate(k, "keyword", true)));
      return out;
    }
    if (afterTableKeyword(previous)) {
      data.tables().forEach(t -> out.add(candidate(t, "table", true)));
      data.tableFunctions().forEach(f -> out.add(candidate(f + "(", f, "table function", false)));
      return out;
    }
    Set<String> columns = new LinkedHashSet<>();
    for (FromItems.Item item : FromItems.of(statement)) {
      columns.addAll(data.columns(item.source()));
    }
    columns.forEach(c -> out.add(candidate(c, "column", true)));
    data.functions().forEach(f -> out.add(candidate(f + "(", f, "function", false)));
    SqlWords.keywords(prefix).forEach(k -> out.add(candidate(k, "keyword", true)));
    return out;
  }

  /** After FROM, JOIN, TABLE, DESCRIBE ..., or after a comma in a FROM list. */
  private static boolean afterTableKeyword(List<Token> previous) {
    Token last = previous.get(previous.size() - 1);
    if (last.kind() == Kind.WORD && SqlWords.BEFORE_TABLE.contains(last.text().toUpperCase(Locale.ROOT))) {
      return !last.is("TABLE") || previous.size() < 2 || !previous.get(previous.size() - 2).is("CREATE");
    }
    if (last.isSymbol(",")) {
      int depth = 0;
      for (int i = previous.size() - 1; i >= 0; i--) {
        Token t = previous.get(i);
        if (t.isSymbol(")")) {
          depth++;
        } else if (t.isSymbol("(")) {
          if (--depth < 0) {
            return false;
          }
        } else if (depth == 0 && t.kind() == Kind.WORD) {
          String w = t.text().toUpperCase(Locale.ROOT);
          if (w.equals("FROM")) {
            return true;
          }
          if (w.equals("SELECT") || w.equals("WHERE") || w.equals("BY") || w.equals("ON") || w.equals("HAVING")) {
            return false;
          }
        }
      }
    }
    return false;
  }

  private static void paths(String typed, boolean open, List<Candidate> out) {
    for (PathLister.Entry e : PathLister.forPrefix(typed)) {
      String name = e.path().substring(e.path().lastIndexOf('/', e.path().length() - 2) + 1);
      String value = e.directory() || !open ? e.path() : e.path() + "'";
      out.add(new Candidate(value, name, e.directory() ? "directories" : "files", null, null, null, false));
    }
  }

  private static void dotCommand(String typed, List<Candidate> out) {
    String[] parts = typed.split("\\s+", -1);
    if (parts.length <= 1) {
      DOT_COMMANDS.forEach(c -> out.add(candidate(c, "command", true)));
    } else if (parts.length == 2 && parts[0].equals(".mode")) {
      MODES.forEach(m -> out.add(candidate(m, "mode", true)));
    } else if (parts.length == 2 && (parts[0].equals(".timing") || parts[0].equals(".images"))) {
      List.of("on", "off").forEach(m -> out.add(candidate(m, "switch", true)));
    }
  }

  private static Candidate candidate(String value, String group, boolean complete) {
    return candidate(value, value, group, complete);
  }

  private static Candidate candidate(String value, String display, String group, boolean complete) {
    return new Candidate(value, display, group, null, null, null, complete);
  }
}
