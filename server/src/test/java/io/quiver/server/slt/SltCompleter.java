package io.quiver.server.slt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Rewrites the expected rows of each query in an {@code .slt} file with the engine's actual rows. */
final class SltCompleter {
  private SltCompleter() {}

  /** @param completions pairs of (1-based header line of a query, its actual rows joined by newlines) */
  static void rewrite(Path file, List<String> lines, List<String[]> completions) throws IOException {
    Map<Integer, String> byLine = new HashMap<>();
    completions.forEach(c -> byLine.put(Integer.parseInt(c[0]), c[1]));
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      String rows = byLine.get(i + 1);
      out.add(lines.get(i++));
      if (rows == null) {
        continue;
      }
      while (i < lines.size() && !lines.get(i).isBlank() && !lines.get(i).equals("----")) {
        out.add(lines.get(i++));
      }
      out.add("----");
      if (i < lines.size() && lines.get(i).equals("----")) {
        i++;
        while (i < lines.size() && !lines.get(i).isEmpty()) {
          i++;
        }
      }
      if (!rows.isEmpty()) {
        out.addAll(List.of(rows.split("\n", -1)));
      }
    }
    Files.write(file, out);
  }
}
