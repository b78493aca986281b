package io.quiver.sql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lets functions be named by SQL keywords, as DuckDB users write them: {@code range(10)} is quoted to
 * {@code "range"(10)} before Calcite parses it, since RANGE is reserved there. Text inside quotes and
 * comments is left alone. (Error columns after such a call shift by the two added quote characters.)
 */
final class KeywordFunctions {
  private static final Pattern CALL = Pattern.compile("(?i)\\b(range)(\\s*\\()");

  private KeywordFunctions() {}

  static String quote(String sql) {
    StringBuilder out = new StringBuilder(sql.length() + 4);
    int i = 0;
    int n = sql.length();
    int plainStart = 0;
    while (i < n) {
      char c = sql.charAt(i);
      int end;
      if (c == '\'' || c == '"') {
        end = sql.indexOf(c, i + 1);
        while (end >= 0 && end + 1 < n && sql.charAt(end + 1) == c) {
          end = sql.indexOf(c, end + 2);
        }
        end = end < 0 ? n : end + 1;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        end = sql.indexOf('\n', i);
        end = end < 0 ? n : end;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        end = sql.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
      } else {
        i++;
        continue;
      }
      out.append(rewrite(sql.substring(plainStart, i))).append(sql, i, end);
      i = end;
      plainStart = end;
    }
    return out.append(rewrite(sql.substring(plainStart))).toString();
  }

  private static String rewrite(String plain) {
    Matcher m = CALL.matcher(plain);
    return m.replaceAll(r -> "\"" + r.group(1).toLowerCase() + "\"" + Matcher.quoteReplacement(r.group(2)));
  }
}
