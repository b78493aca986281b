package io.quiver.executor.sink;

import java.util.List;
import java.util.Locale;

/**
 * What one {@code COPY ... TO} writes and how.
 *
 * @param target the output location: a directory (files {@code part-<id>-<n>.<ext>} plus a
 *     {@code _SUCCESS} manifest) or, when {@link #singleFile}, the one file itself
 * @param partitionBy hive-style partition columns ({@code col=value/} folders), in folder order
 * @param overwrite replace existing content (else an existing target is an error)
 * @param fileSizeBytes start a new file once a file has grown past this many bytes (directories only)
 * @param rowGroupRows rows per Parquet row group at most
 * @param preserveOrder write from one thread so files keep the query's row order (ORDER BY)
 * @param csvHeader CSV only: write a header line of column names
 * @param csvDelimiter CSV only: the field separator
 */
public record CopySpec(String target, Format format, List<String> partitionBy, boolean overwrite,
    Compression compression, long fileSizeBytes, int rowGroupRows, boolean preserveOrder, boolean csvHeader,
    char csvDelimiter) {

  /** The default target file size: files roll over past 256 MB. */
  public static final long DEFAULT_FILE_SIZE_BYTES = 256L << 20;

  /** DuckDB's default Parquet row group size, in rows. */
  public static final int DEFAULT_ROW_GROUP_ROWS = 122_880;

  public CopySpec {
    partitionBy = List.copyOf(partitionBy);
    while (target.length() > 1 && target.endsWith("/")) {
      target = target.substring(0, target.length() - 1);
    }
  }

  /** A spec with the defaults for everything but the target and format. */
  public static CopySpec of(String target, Format format) {
    return new CopySpec(target, format, List.of(), false, format == Format.PARQUET ? Compression.SNAPPY
        : Compression.NONE, DEFAULT_FILE_SIZE_BYTES, DEFAULT_ROW_GROUP_ROWS, false, true, ',');
  }

  /** Output file formats. */
  public enum Format {
    PARQUET("parquet"), CSV("csv"), JSON("json");

    private final String extension;

    Format(String extension) {
      this.extension = extension;
    }

    /** The file extension without the dot. */
    public String extension() {
      return extension;
    }

    /** The format named {@code name} (case-insensitive; {@code ndjson}/{@code jsonl} mean JSON), or null. */
    public static Format parse(String name) {
      switch (name.toLowerCase(Locale.ROOT)) {
        case "parquet":
          return PARQUET;
        case "csv":
          return CSV;
        case "json": case "jsonl": case "ndjson":
          return JSON;
        default:
          return null;
      }
    }
  }

  /** Compression codecs; CSV and JSON support only GZIP and NONE. */
  public enum Compression {
    SNAPPY, ZSTD, GZIP, NONE;

    /** The codec named {@code name} (case-insensitive; {@code uncompressed} means NONE), or null. */
    public static Compression parse(String name) {
      String n = name.toUpperCase(Locale.ROOT);
      if (n.equals("UNCOMPRESSED")) {
        return NONE;
      }
      for (Compression c : values()) {
        if (c.name().equals(n)) {
          return c;
        }
      }
      return null;
    }
  }

  /**
   * True when the target names one file (it ends with the format's extension, e.g. {@code out.parquet})
   * and there are no partitions: then exactly that file is written, as DuckDB does.
   */
  public boolean singleFile() {
    String t = target.toLowerCase(Locale.ROOT);
    if (!partitionBy.isEmpty()) {
      return false;
    }
    switch (format) {
      case PARQUET:
        return t.endsWith(".parquet");
      case CSV:
        return t.endsWith(".csv") || t.endsWith(".csv.gz");
      default:
        return t.endsWith(".json") || t.endsWith(".jsonl") || t.endsWith(".ndjson") || t.endsWith(".json.gz")
            || t.endsWith(".jsonl.gz");
    }
  }

  /** The extension of data files in a directory target, e.g. {@code parquet} or {@code csv.gz}. */
  public String fileExtension() {
    return format.extension() + (format != Format.PARQUET && compression == Compression.GZIP ? ".gz" : "");
  }
}
