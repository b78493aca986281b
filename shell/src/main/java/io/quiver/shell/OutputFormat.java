package io.quiver.shell;

import java.util.Locale;

/** How results are printed: {@code --format} and {@code .mode}. */
public enum OutputFormat {
  TABLE, CSV, TSV, JSON, MARKDOWN;

  public static OutputFormat parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Unknown format '" + s + "'; use table, csv, tsv, json or markdown.");
    }
  }
}
