package io.quiver.server.slt;

import java.util.ArrayList;
import java.util.List;

/** Reads the records of a {@code .slt} file. Lines starting with '#' are comments. */
final class SltParser {
  private SltParser() {}

  static List<SltRecord> parse(List<String> lines) {
    List<SltRecord> out = new ArrayList<>();
    int i = 0;
    List<String> skip = new ArrayList<>();
    List<String> only = new ArrayList<>();
    while (i < lines.size()) {
      String header = lines.get(i).strip();
      if (header.isEmpty() || header.startsWith("#")) {
        i++;
        continue;
      }
      if (header.startsWith("skipif ") || header.startsWith("onlyif ")) {
        (header.startsWith("skipif") ? skip : only).add(header.substring(7).strip());
        i++;
        continue;
      }
      int before = out.size();
      int line = i + 1;
      i++;
      StringBuilder sql = new StringBuilder();
      while (i < lines.size() && !lines.get(i).isBlank() && !lines.get(i).equals("----")) {
        sql.append(sql.isEmpty() ? "" : "\n").append(lines.get(i));
        i++;
      }
      if (header.equals("statement ok")) {
        out.add(new SltRecord(SltRecord.Kind.STATEMENT_OK, line, sql.toString(), null, null, false, List.of()));
      } else if (header.startsWith("statement error")) {
        String expected = header.substring("statement error".length()).strip();
        out.add(new SltRecord(SltRecord.Kind.STATEMENT_ERROR, line, sql.toString(), expected, null, false, List.of()));
      } else if (header.startsWith("query ")) {
        String[] parts = header.split("\\s+");
        String types = parts[1];
        boolean rowsort = parts.length > 2 && parts[2].equals("rowsort");
        List<String> expected = new ArrayList<>();
        if (i < lines.size() && lines.get(i).equals("----")) {
          i++;
          while (i < lines.size() && !lines.get(i).isEmpty()) {
            expected.add(lines.get(i));
            i++;
          }
        }
        out.add(new SltRecord(SltRecord.Kind.QUERY, line, sql.toString(), null, types, rowsort, expected));
      } else {
        throw new IllegalArgumentException("line " + line + ": unknown record '" + header + "'");
      }
      if (out.size() > before && (!skip.isEmpty() || !only.isEmpty())) {
        out.set(before, out.get(before).when(skip, only));
        skip.clear();
        only.clear();
      }
    }
    return out;
  }
}
