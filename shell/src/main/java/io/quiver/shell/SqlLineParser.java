package io.quiver.shell;

import io.quiver.sql.statement.StatementSplitter;
import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * Tells JLine when the input is a whole statement and what word the cursor is on. Enter on an
 * unfinished statement (no ';' at the end outside quotes and comments) continues it on a new line, so a
 * multi-line statement is edited, and kept in the history, as one entry. Dot commands are one line.
 */
final class SqlLineParser implements Parser {
  @Override
  public ParsedLine parse(String line, int cursor, ParseContext context) {
    if (context == ParseContext.ACCEPT_LINE) {
      String t = line.strip();
      if (!t.isEmpty() && !t.startsWith(".") && !StatementSplitter.isComplete(line)) {
        throw new EOFError(-1, -1, "statement continues until ';'", ";");
      }
    }
    return parsed(line, cursor);
  }

  /** The line with the word at {@code cursor}: the part of a name, or of a quoted string, before the cursor. */
  static ParsedLine parsed(String line, int cursor) {
    int wordStart = cursor;
    for (SqlLexer.Token t : SqlLexer.tokens(line)) {
      if (t.start() < cursor && cursor <= t.end()) {
        if (t.kind() == SqlLexer.Kind.STRING && (t.open() || cursor < t.end())) {
          wordStart = t.start() + 1; // inside the quotes: a path being typed
        } else if (t.kind() == SqlLexer.Kind.WORD || t.kind() == SqlLexer.Kind.NUMBER) {
          wordStart = t.start();
        } else if (t.kind() == SqlLexer.Kind.SYMBOL && t.text().equals(".") && t.start() == 0) {
          wordStart = 0; // a dot command
        }
        break;
      }
    }
    if (wordStart > 0 && line.charAt(wordStart - 1) == '.' && line.substring(0, wordStart - 1).isBlank()) {
      wordStart--; // ".mo" is one word
    }
    String word = line.substring(wordStart, cursor);
    return new Line(line, cursor, word, List.of(word));
  }

  /** Candidates are inserted as they are (paths carry their own closing quote). */
  private record Line(String line, int cursor, String word, List<String> words) implements CompletingParsedLine {
    @Override
    public CharSequence escape(CharSequence candidate, boolean complete) {
      return candidate;
    }

    @Override
    public int rawWordCursor() {
      return word.length();
    }

    @Override
    public int rawWordLength() {
      return word.length();
    }

    @Override
    public int wordCursor() {
      return word.length();
    }

    @Override
    public int wordIndex() {
      return 0;
    }
  }
}
