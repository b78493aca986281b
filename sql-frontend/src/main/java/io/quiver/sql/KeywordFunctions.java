package io.quiver.sql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lets functions be named by words Calcite reserves, as users write them: {@code range(10)} becomes
 * {@code "range"(10)} and {@code normalize(image)} (the SPEC walk-through's UDF; NORMALIZE is a SQL:2003
 * keyword) becomes {@code "normalize"(image)} before Calcite parses them, and so does the name after
 * {@code CREATE FUNCTION} / {@code DROP FUNCTION}. Other reserved words still need double quotes. Text in
 * quotes and comments is left alone. (Error columns after such a name shift by the two added quotes.)
 */
final class KeywordFunctions {
  private static final String NAMES = "range|normalize";
  private static final Pattern CALL = Pattern.compile("(?i)\\b(" + NAMES + ")(\\s*\\()");
  private static final Pattern DECLARED = Pattern.compile("(?i)(\\bFUNCTION\\s+(?:IF\\s+EXISTS\\s+)?)(" + NAMES + ")\\b");

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
    String calls = CALL.matcher(plain)
        .replaceAll(r -> "\"" + r.group(1).toLowerCase() + "\"" + Matcher.quoteReplacement(r.group(2)));
    return DECLARED.matcher(calls)
        .replaceAll(r -> Matcher.quoteReplacement(r.group(1)) + "\"" + r.group(2).toLowerCase() + "\"");
  }
}
