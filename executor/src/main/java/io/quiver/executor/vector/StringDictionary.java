package io.quiver.executor.vector;

/**
 * The values of a dictionary-encoded string column (one Parquet column chunk's dictionary page): entry
 * {@code i} is {@code bytes[offsets[i] .. offsets[i+1])}. Immutable and on the heap, so every batch
 * decoded from the same dictionary shares it without reference counting, and consumers may cache
 * per-entry work by its identity. {@code bytes} has at least {@link #PADDING} readable bytes after the
 * last entry, so eight-byte word reads of short entries never run off the array.
 */
public final class StringDictionary {
  /** Spare bytes after the last entry (the same as the key columns' padding). */
  public static final int PADDING = 8;

  private final byte[] bytes;
  private final int[] offsets;

  /** Takes ownership of the arrays; {@code bytes.length >= offsets[size] + PADDING}. */
  public StringDictionary(byte[] bytes, int[] offsets) {
    if (offsets.length == 0 || bytes.length < offsets[offsets.length - 1] + PADDING) {
      throw new IllegalArgumentException("a dictionary needs offsets and " + PADDING + " bytes of padding");
    }
    this.bytes = bytes;
    this.offsets = offsets;
  }

  /** How many entries; valid ids are {@code [0, size())}. */
  public int size() {
    return offsets.length - 1;
  }

  /** The packed entries (do not modify). */
  public byte[] bytes() {
    return bytes;
  }

  /** Entry {@code i} starts at {@code offsets()[i]} and ends at {@code offsets()[i+1]} (do not modify). */
  public int[] offsets() {
    return offsets;
  }
}
