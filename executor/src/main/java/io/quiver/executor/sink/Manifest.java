package io.quiver.executor.sink;

import io.quiver.executor.vector.JsonStrings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code _SUCCESS} manifest a directory COPY writes last: which files make up the output (paths
 * relative to the directory, '/'-separated) with their row counts, e.g. {@code {"format":"parquet",
 * "query_id":"3f2a9c1e","rows":10,"files":[{"path":"label=1/part-3f2a9c1e-00000.parquet","rows":10,
 * "bytes":1234}]}}. Readers that find it read exactly these files, so a directory being overwritten
 * shows the old files or the new ones, never a mix. Spark writes an empty {@code _SUCCESS}; that (or
 * anything else that does not parse) counts as no manifest.
 */
public record Manifest(String format, String queryId, List<Entry> files) {
  /** The manifest's file name. */
  public static final String NAME = "_SUCCESS";

  /** One output file. */
  public record Entry(String path, long rows, long bytes) {}

  public Manifest {
    files = List.copyOf(files);
  }

  /** Total rows over all files. */
  public long rows() {
    long n = 0;
    for (Entry e : files) {
      n += e.rows();
    }
    return n;
  }

  /** The manifest as JSON (UTF-8). */
  public byte[] toJson() {
    StringBuilder sb = new StringBuilder("{\"format\":");
    JsonStrings.append(sb, format);
    sb.append(",\"query_id\":");
    JsonStrings.append(sb, queryId);
    sb.append(",\"rows\":").append(rows()).append(",\"files\":[");
    for (int i = 0; i < files.size(); i++) {
      Entry e = files.get(i);
      sb.append(i == 0 ? "\n" : ",\n").append("{\"path\":");
      JsonStrings.append(sb, e.path());
      sb.append(",\"rows\":").append(e.rows()).append(",\"bytes\":").append(e.bytes()).append('}');
    }
    return sb.append("]}\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The manifest in {@code json}, or null when it is not one of ours (empty, or another format). */
  public static Manifest parse(byte[] json) {
    String s = new String(json, StandardCharsets.UTF_8);
    if (!s.strip().startsWith("{") || !s.contains("\"files\"")) {
      return null;
    }
    try {
      Reader r = new Reader(s);
      String format = r.stringAfter("\"format\"", 0);
      String queryId = r.stringAfter("\"query_id\"", 0);
      int at = s.indexOf("\"files\"");
      List<Entry> files = new ArrayList<>();
      int p;
      while ((p = s.indexOf("\"path\"", at)) >= 0) {
        String path = r.stringAfter("\"path\"", p);
        long rows = r.numberAfter("\"rows\"", r.pos);
        long bytes = r.numberAfter("\"bytes\"", r.pos);
        files.add(new Entry(path, rows, bytes));
        at = r.pos;
      }
      return new Manifest(format == null ? "" : format, queryId == null ? "" : queryId, files);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Just enough JSON reading for the manifest this class writes. */
  private static final class Reader {
    final String s;
    int pos;

    Reader(String s) {
      this.s = s;
    }

    String stringAfter(String key, int from) {
      int k = s.indexOf(key, from);
      if (k < 0) {
        return null;
      }
      int q = s.indexOf('"', s.indexOf(':', k + key.length()) + 1);
      StringBuilder out = new StringBuilder();
      int i = q + 1;
      while (s.charAt(i) != '"') {
        char c = s.charAt(i++);
        if (c == '\\') {
          char e = s.charAt(i++);
          switch (e) {
            case 'n': out.append('\n'); break;
            case 'r': out.append('\r'); break;
            case 't': out.append('\t'); break;
            case 'u': out.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
            default: out.append(e);
          }
        } else {
          out.append(c);
        }
      }
      pos = i + 1;
      return out.toString();
    }

    long numberAfter(String key, int from) {
      int k = s.indexOf(key, from);
      int i = s.indexOf(':', k + key.length()) + 1;
      while (Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (Character.isDigit(s.charAt(i)) || s.charAt(i) == '-') {
        i++;
      }
      pos = i;
      return Long.parseLong(s.substring(start, i));
    }
  }
}
