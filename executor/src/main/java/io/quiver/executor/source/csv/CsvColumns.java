package io.quiver.executor.source.csv;

import io.quiver.executor.QuiverException;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV table's columns: names and {@link CsvType}s, either declared by the {@code columns} argument or
 * inferred from a sample of records.
 *
 * <p>The declaration format is a comma-separated list of {@code name TYPE}, e.g. {@code 'id BIGINT,
 * name VARCHAR, price DECIMAL(10,2), day DATE'}. Names may be double-quoted to hold spaces or commas
 * ({@code "unit price" DOUBLE}). Types: BOOLEAN, TINYINT, SMALLINT, INTEGER (INT), BIGINT, REAL (FLOAT),
 * DOUBLE, DECIMAL[(p,s)] (read as DOUBLE), DATE, TIMESTAMP, VARCHAR (TEXT, STRING).
 */
record CsvColumns(List<String> names, List<CsvType> types) {
  static CsvColumns declared(String function, String declaration) {
    List<String> names = new ArrayList<>();
    List<CsvType> types = new ArrayList<>();
    for (String part : splitTopLevel(declaration)) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      String name;
      String type;
      if (p.startsWith("\"")) {
        int close = p.indexOf('"', 1);
        if (close < 0) {
          throw new QuiverException(function + ": unclosed quote in the columns declaration near '" + p + "'.");
        }
        name = p.substring(1, close);
        type = p.substring(close + 1);
      } else {
        int space = p.indexOf(' ');
        name = space < 0 ? p : p.substring(0, space);
        type = space < 0 ? "" : p.substring(space + 1);
      }
      CsvType t = CsvType.named(type);
      if (name.isEmpty() || t == null) {
        throw new QuiverException(function + ": cannot read the column declaration '" + p + "'; expected"
            + " 'name TYPE' with TYPE one of BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE,"
            + " DECIMAL, DATE, TIMESTAMP, VARCHAR.");
      }
      names.add(name);
      types.add(t);
    }
    if (names.isEmpty()) {
      throw new QuiverException(function + ": the columns declaration is empty.");
    }
    return new CsvColumns(List.copyOf(names), List.copyOf(types));
  }

  /** Splits on commas outside parentheses and double quotes (DECIMAL(10,2) stays whole). */
  private static List<String> splitTopLevel(String s) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
      } else if (!quoted && depth == 0 && c == ',') {
        parts.add(s.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(s.substring(start));
    return parts;
  }

  /** Tracks, per column, which types every non-empty sampled value reads as. */
  static final class Inference {
    private final List<boolean[]> possible = new ArrayList<>();
    private final List<Boolean> seen = new ArrayList<>();

    void add(int column, String text) {
      while (possible.size() <= column) {
        boolean[] all = new boolean[CsvType.INFERENCE_ORDER.length];
        java.util.Arrays.fill(all, true);
        possible.add(all);
        seen.add(false);
      }
      if (text.isEmpty()) {
        return; // NULL (or an empty string): says nothing about the type
      }
      seen.set(column, true);
      boolean[] p = possible.get(column);
      for (int i = 0; i < p.length; i++) {
        p[i] = p[i] && CsvType.INFERENCE_ORDER[i].accepts(text);
      }
    }

    /** The inferred type of {@code column}: the first type that read every sample, else VARCHAR. */
    CsvType type(int column) {
      if (column >= possible.size() || !seen.get(column)) {
        return CsvType.VARCHAR;
      }
      boolean[] p = possible.get(column);
      for (int i = 0; i < p.length; i++) {
        if (p[i]) {
          return CsvType.INFERENCE_ORDER[i];
        }
      }
      return CsvType.VARCHAR;
    }
  }
}
