package io.quiver.sql.statement;

import io.quiver.sql.Positions;
import io.quiver.sql.SqlError;
import io.quiver.sql.SqlParsing;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Recognises {@code COPY (query) TO 'uri' [(options)]} and {@code COPY table TO 'uri' [(options)]},
 * which Calcite's grammar lacks, with DuckDB's option spellings: {@code FORMAT parquet|csv|json},
 * {@code PARTITION_BY (col, ...)}, {@code OVERWRITE [true|false]} (also {@code OVERWRITE_OR_IGNORE}),
 * {@code COMPRESSION 'zstd'} (also {@code CODEC}), {@code FILE_SIZE_BYTES n|'64MB'},
 * {@code ROW_GROUP_SIZE n}, and for CSV {@code HEADER}, {@code DELIMITER} (also {@code SEP}). Option
 * names are case-insensitive, values may be quoted or bare, {@code WITH} before the options and
 * {@code =} between a name and its value are accepted. The query is handed to Calcite; every error
 * points at the statement as written. Quotes and comments are respected throughout.
 */
final class CopyParser {
  private static final List<String> OPTIONS = List.of("FORMAT", "PARTITION_BY", "OVERWRITE",
      "OVERWRITE_OR_IGNORE", "COMPRESSION", "CODEC", "FILE_SIZE_BYTES", "ROW_GROUP_SIZE", "HEADER", "DELIMITER",
      "SEP");

  private final String text;
  private int i;

  private CopyParser(String text) {
    this.text = text;
  }

  /** True when the statement's first word (after comments) is COPY. */
  static boolean isCopy(String text) {
    CopyParser p = new CopyParser(text);
    p.skip();
    return p.keyword("copy");
  }

  static Statement.Copy parse(String text) {
    return new CopyParser(text).statement();
  }

  private Statement.Copy statement() {
    skip();
    keyword("copy");
    skip();
    SqlNode query;
    String table = null;
    if (peek() == '(') {
      int open = i;
      int close = matchingParen(open);
      try {
        query = SqlParsing.parseQuery(text.substring(open + 1, close));
      } catch (SqlError e) {
        throw e.shiftedBy(text, open + 1);
      }
      i = close + 1;
    } else {
      int start = i;
      String raw = identifier();
      if (raw == null) {
        throw error(start, 1, "COPY needs a query in parentheses or a table name: COPY (SELECT ...) TO 'uri' "
            + "or COPY table TO 'uri'");
      }
      table = raw.startsWith("\"") ? raw.substring(1, raw.length() - 1) : raw.toLowerCase(Locale.ROOT);
      query = SqlParsing.parseQuery("SELECT * FROM " + raw);
    }
    skip();
    int toAt = i;
    if (!keyword("to")) {
      throw error(toAt, 1, "expected TO 'uri' after the COPY source");
    }
    skip();
    int targetAt = i;
    if (peek() != '\'') {
      throw error(targetAt, 1, "expected the target as a quoted string, e.g. TO 'out/data'");
    }
    String target = string();
    if (target.isBlank()) {
      throw error(targetAt, 2, "the COPY target is empty");
    }
    skip();
    int withAt = i;
    if (keyword("with")) {
      skip();
      if (peek() != '(') {
        throw error(withAt, 4, "expected ( after WITH");
      }
    }
    CopyOptions options = peek() == '(' ? options() : new CopyOptions(null, List.of(), false, null, null, null,
        null, null);
    skip();
    if (peek() == ';') {
      i++;
      skip();
    }
    if (i < text.length()) {
      throw error(i, 1, "unexpected text after the COPY statement");
    }
    return new Statement.Copy(text, query, table, target, options);
  }

  private CopyOptions options() {
    i++; // '('
    String format = null;
    List<String> partitionBy = List.of();
    boolean overwrite = false;
    String compression = null;
    Long fileSize = null;
    Integer rowGroup = null;
    Boolean header = null;
    Character delimiter = null;
    Set<String> seen = new HashSet<>();
    skip();
    if (peek() == ')') {
      i++;
      return new CopyOptions(null, List.of(), false, null, null, null, null, null);
    }
    while (true) {
      skip();
      int nameAt = i;
      String word = identifier();
      if (word == null) {
        throw error(nameAt, 1, "expected an option name (" + String.join(", ", OPTIONS) + ")");
      }
      String name = word.toUpperCase(Locale.ROOT);
      if (!OPTIONS.contains(name)) {
        throw error(nameAt, word.length(), "unknown COPY option '" + word + "'; the options are "
            + String.join(", ", OPTIONS));
      }
      String canonical = name.equals("CODEC") ? "COMPRESSION" : name.equals("SEP") ? "DELIMITER"
          : name.equals("OVERWRITE_OR_IGNORE") ? "OVERWRITE" : name;
      if (!seen.add(canonical)) {
        throw error(nameAt, word.length(), "option " + canonical + " is given twice");
      }
      skip();
      if (peek() == '=') {
        i++;
        skip();
      }
      int valueAt = i;
      switch (canonical) {
        case "FORMAT": {
          String v = value(nameAt, name).toLowerCase(Locale.ROOT);
          if (!v.equals("parquet") && !v.equals("csv") && !v.equals("json") && !v.equals("ndjson")
              && !v.equals("jsonl")) {
            throw error(valueAt, i - valueAt, "FORMAT is parquet, csv or json, not '" + v + "'");
          }
          format = v.startsWith("parquet") ? "parquet" : v.equals("csv") ? "csv" : "json";
          break;
        }
        case "PARTITION_BY":
          partitionBy = names(nameAt);
          break;
        case "OVERWRITE":
          overwrite = atValueEnd() || bool(valueAt, value(nameAt, name));
          break;
        case "COMPRESSION": {
          String v = value(nameAt, name).toLowerCase(Locale.ROOT);
          if (v.equals("uncompressed")) {
            v = "none";
          }
          if (!List.of("snappy", "zstd", "gzip", "none").contains(v)) {
            throw error(valueAt, i - valueAt, "COMPRESSION is 'snappy', 'zstd', 'gzip' or 'none', not '" + v + "'");
          }
          compression = v;
          break;
        }
        case "FILE_SIZE_BYTES":
          fileSize = size(valueAt, value(nameAt, name));
          break;
        case "ROW_GROUP_SIZE": {
          long n = size(valueAt, value(nameAt, name));
          if (n > Integer.MAX_VALUE) {
            throw error(valueAt, i - valueAt, "ROW_GROUP_SIZE is a number of rows up to " + Integer.MAX_VALUE);
          }
          rowGroup = (int) n;
          break;
        }
        case "HEADER":
          header = atValueEnd() || bool(valueAt, value(nameAt, name));
          break;
        default: {
          String v = value(nameAt, name);
          if (v.equals("\\t")) {
            v = "\t";
          }
          if (v.length() != 1) {
            throw error(valueAt, i - valueAt, "DELIMITER is one character, e.g. ',' or '|'");
          }
          delimiter = v.charAt(0);
        }
      }
      skip();
      char c = peek();
      if (c == ')') {
        i++;
        return new CopyOptions(format, partitionBy, overwrite, compression, fileSize, rowGroup, header, delimiter);
      }
      if (c != ',') {
        throw error(i, 1, "expected ',' or ')' in the COPY options");
      }
      i++;
    }
  }

  /** True when the option has no value (OVERWRITE alone means true). */
  private boolean atValueEnd() {
    return peek() == ',' || peek() == ')';
  }

  /** A quoted string, a number or a bare word. */
  private String value(int nameAt, String name) {
    if (peek() == '\'') {
      return string();
    }
    int start = i;
    while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || "._-+".indexOf(text.charAt(i)) >= 0)) {
      i++;
    }
    if (i == start) {
      throw error(start, 1, "option " + name + " needs a value");
    }
    return text.substring(start, i);
  }

  private boolean bool(int at, String v) {
    switch (v.toLowerCase(Locale.ROOT)) {
      case "true": case "1": case "on": case "yes":
        return true;
      case "false": case "0": case "off": case "no":
        return false;
      default:
        throw error(at, Math.max(1, i - at), "expected true or false, not '" + v + "'");
    }
  }

  /** A positive count of bytes or rows: {@code 1000000}, {@code 1e6}, {@code '64MB'}, {@code '1.5GB'}. */
  private long size(int at, String v) {
    String s = v.trim().toUpperCase(Locale.ROOT).replace(" ", "");
    long unit = 1;
    String[] suffixes = {"KIB", "MIB", "GIB", "TIB", "KB", "MB", "GB", "TB", "B"};
    long[] units = {1L << 10, 1L << 20, 1L << 30, 1L << 40, 1000L, 1000_000L, 1000_000_000L, 1000_000_000_000L, 1};
    for (int k = 0; k < suffixes.length; k++) {
      if (s.endsWith(suffixes[k]) && s.length() > suffixes[k].length()) {
        unit = units[k];
        s = s.substring(0, s.length() - suffixes[k].length());
        break;
      }
    }
    try {
      long n = new BigDecimal(s).multiply(BigDecimal.valueOf(unit)).longValue();
      if (n < 1) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException | ArithmeticException e) {
      throw error(at, Math.max(1, i - at), "expected a positive size such as 1000000 or '64MB', not '" + v + "'");
    }
  }

  /** {@code (a, b)} or a single name. */
  private List<String> names(int nameAt) {
    List<String> out = new ArrayList<>();
    boolean parens = peek() == '(';
    if (parens) {
      i++;
    }
    while (true) {
      skip();
      int at = i;
      String raw = identifier();
      if (raw == null) {
        throw error(at, 1, "PARTITION_BY needs column names, e.g. PARTITION_BY (year, month)");
      }
      out.add(raw.startsWith("\"") ? raw.substring(1, raw.length() - 1) : raw.toLowerCase(Locale.ROOT));
      skip();
      if (!parens) {
        return out;
      }
      if (peek() == ')') {
        i++;
        return out;
      }
      if (peek() != ',') {
        throw error(i, 1, "expected ',' or ')' in PARTITION_BY (...)");
      }
      i++;
    }
  }

  /** A bare or double-quoted identifier (quotes kept), or null. */
  private String identifier() {
    int start = i;
    if (peek() == '"') {
      int end = text.indexOf('"', i + 1);
      if (end < 0) {
        throw error(start, 1, "unterminated quoted name");
      }
      i = end + 1;
      return text.substring(start, i);
    }
    if (i < text.length() && (Character.isLetter(text.charAt(i)) || text.charAt(i) == '_')) {
      while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
        i++;
      }
      return text.substring(start, i);
    }
    return null;
  }

  /** A single-quoted string with '' as an escaped quote. */
  private String string() {
    int start = i;
    StringBuilder sb = new StringBuilder();
    i++;
    while (i < text.length()) {
      char c = text.charAt(i++);
      if (c == '\'') {
        if (i < text.length() && text.charAt(i) == '\'') {
          sb.append('\'');
          i++;
          continue;
        }
        return sb.toString();
      }
      sb.append(c);
    }
    throw error(start, 1, "unterminated string");
  }

  /** The case-insensitive word {@code w} at the cursor, not followed by a name character; advances past it. */
  private boolean keyword(String w) {
    if (text.regionMatches(true, i, w, 0, w.length())
        && (i + w.length() == text.length() || !Character.isLetterOrDigit(text.charAt(i + w.length()))
            && text.charAt(i + w.length()) != '_')) {
      i += w.length();
      return true;
    }
    return false;
  }

  /** The offset of the ')' closing the '(' at {@code open}, skipping quotes and comments. */
  private int matchingParen(int open) {
    int depth = 0;
    int k = open;
    while (k < text.length()) {
      char c = text.charAt(k);
      if (c == '\'' || c == '"') {
        int end = k + 1;
        while (end < text.length()) {
          if (text.charAt(end) == c) {
            if (end + 1 < text.length() && text.charAt(end + 1) == c) {
              end += 2;
              continue;
            }
            break;
          }
          end++;
        }
        k = end + 1;
        continue;
      }
      if (c == '-' && k + 1 < text.length() && text.charAt(k + 1) == '-') {
        int nl = text.indexOf('\n', k);
        k = nl < 0 ? text.length() : nl + 1;
        continue;
      }
      if (c == '/' && k + 1 < text.length() && text.charAt(k + 1) == '*') {
        int end = text.indexOf("*/", k + 2);
        k = end < 0 ? text.length() : end + 2;
        continue;
      }
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return k;
      }
      k++;
    }
    throw error(open, 1, "this parenthesis is never closed");
  }

  /** Skips whitespace and comments. */
  private void skip() {
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-') {
        int nl = text.indexOf('\n', i);
        i = nl < 0 ? text.length() : nl + 1;
      } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
        int end = text.indexOf("*/", i + 2);
        i = end < 0 ? text.length() : end + 2;
      } else {
        return;
      }
    }
  }

  private char peek() {
    return i < text.length() ? text.charAt(i) : '\0';
  }

  private SqlError error(int at, int length, String message) {
    int start = Math.min(at, Math.max(0, text.length() - 1));
    int end = Math.min(text.length() - 1, start + Math.max(1, length) - 1);
    SqlParserPos pos = text.isEmpty() ? SqlParserPos.ZERO : Positions.pos(text, start, end);
    return SqlError.at(pos, "Syntax error in COPY: " + message + ".");
  }
}
