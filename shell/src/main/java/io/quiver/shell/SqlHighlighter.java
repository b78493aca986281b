package io.quiver.shell;

import io.quiver.shell.SqlLexer.Kind;
import io.quiver.shell.SqlLexer.Token;
import java.util.List;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/** Colours the input as it is typed: keywords, strings, numbers, comments, function names, dot commands. */
final class SqlHighlighter implements Highlighter {
  static final AttributedStyle KEYWORD = AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);
  static final AttributedStyle STRING = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
  static final AttributedStyle NUMBER = AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA);
  static final AttributedStyle COMMENT = AttributedStyle.DEFAULT.foreground(AttributedStyle.BRIGHT).italic();
  static final AttributedStyle FUNCTION = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
  static final AttributedStyle COMMAND = AttributedStyle.BOLD.foreground(AttributedStyle.YELLOW);

  @Override
  public AttributedString highlight(LineReader reader, String buffer) {
    return highlight(buffer);
  }

  static AttributedString highlight(String buffer) {
    AttributedStringBuilder sb = new AttributedStringBuilder();
    if (buffer.stripLeading().startsWith(".")) {
      int end = buffer.indexOf(' ', buffer.indexOf('.'));
      end = end < 0 ? buffer.length() : end;
      sb.styled(COMMAND, buffer.substring(0, end)).append(buffer.substring(end));
      return sb.toAttributedString();
    }
    List<Token> tokens = SqlLexer.tokens(buffer);
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      sb.styled(style(t, i + 1 < tokens.size() ? tokens.get(i + 1) : null), t.text());
    }
    return sb.toAttributedString();
  }

  private static AttributedStyle style(Token t, Token next) {
    if (t.kind() == Kind.STRING) {
      return STRING;
    }
    if (t.kind() == Kind.NUMBER) {
      return NUMBER;
    }
    if (t.kind() == Kind.COMMENT) {
      return COMMENT;
    }
    if (t.kind() == Kind.WORD) {
      if (next != null && next.isSymbol("(") && !SqlWords.isKeyword(t.text())) {
        return FUNCTION;
      }
      return SqlWords.isKeyword(t.text()) ? KEYWORD : AttributedStyle.DEFAULT;
    }
    return AttributedStyle.DEFAULT;
  }
}
