package io.quiver.executor.vector;

/** JSON string literals, for everything that writes JSON text by hand (COPY's JSON, nested Parquet values). */
public final class JsonStrings {
  private JsonStrings() {}

  /** Appends {@code s} as a JSON string literal: quoted, with quotes, backslashes and controls escaped. */
  public static void append(StringBuilder sb, String s) {
    sb.append('"');
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }
}
