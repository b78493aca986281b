package io.quiver.executor.source.parquet;

import io.quiver.executor.vector.StringDictionary;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.LongUnaryOperator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType;

/**
 * A column chunk's dictionary page, decoded once: numbers as their raw Arrow bits ({@code fixed}; int
 * and float bits in the low 32 bits), byte strings packed into one array ({@code bytes}, entry {@code i}
 * at {@code offsets[i]..offsets[i+1]}, followed by {@link ByteStaging#SLACK} spare bytes).
 */
final class PageDictionary {
  private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  final long[] fixed;
  final byte[] bytes;
  final int[] offsets;
  /** The byte strings as a shareable dictionary (the same arrays), or null for numbers. */
  final StringDictionary strings;
  /** The length of the longest byte string (0 for numbers). */
  final int maxLength;

  private PageDictionary(long[] fixed, byte[] bytes, int[] offsets) {
    this.fixed = fixed;
    this.bytes = bytes;
    this.offsets = offsets;
    this.strings = bytes == null ? null : new StringDictionary(bytes, offsets);
    int max = 0;
    for (int i = 0; offsets != null && i + 1 < offsets.length; i++) {
      max = Math.max(max, offsets[i + 1] - offsets[i]);
    }
    this.maxLength = max;
  }

  /**
   * @param scale applied to INT64 entries (timestamp units to microseconds)
   */
  static PageDictionary decode(DictionaryPage page, ColumnDescriptor column, LongUnaryOperator scale) {
    PrimitiveType.PrimitiveTypeName physical = column.getPrimitiveType().getPrimitiveTypeName();
    if (physical == PrimitiveType.PrimitiveTypeName.BINARY
        && (page.getEncoding() == Encoding.PLAIN || page.getEncoding() == Encoding.PLAIN_DICTIONARY)) {
      return plainByteStrings(page);
    }
    Dictionary d;
    try {
      d = page.getEncoding().initDictionary(column, page);
    } catch (IOException e) {
      throw new IllegalStateException("cannot decode the dictionary page: " + e.getMessage(), e);
    }
    int size = d.getMaxId() + 1;
    switch (column.getPrimitiveType().getPrimitiveTypeName()) {
      case BINARY:
      case FIXED_LEN_BYTE_ARRAY:
        return byteStrings(d, size);
      default:
        long[] values = new long[size];
        for (int id = 0; id < size; id++) {
          switch (column.getPrimitiveType().getPrimitiveTypeName()) {
            case INT32:
              values[id] = d.decodeToInt(id);
              break;
            case FLOAT:
              values[id] = Float.floatToRawIntBits(d.decodeToFloat(id));
              break;
            case DOUBLE:
              values[id] = Double.doubleToRawLongBits(d.decodeToDouble(id));
              break;
            default:
              values[id] = scale.applyAsLong(d.decodeToLong(id));
          }
        }
        return new PageDictionary(values, null, null);
    }
  }

  private static PageDictionary byteStrings(Dictionary d, int size) {
    Binary[] entries = new Binary[size];
    int[] offsets = new int[size + 1];
    long total = 0;
    for (int id = 0; id < size; id++) {
      entries[id] = d.decodeToBinary(id);
      total += entries[id].length();
      if (total > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("a dictionary page holds more than 2 GB");
      }
      offsets[id + 1] = (int) total;
    }
    byte[] bytes = new byte[(int) total + ByteStaging.SLACK];
    for (int id = 0; id < size; id++) {
      ByteBuffer b = entries[id].toByteBuffer();
      b.get(bytes, offsets[id], offsets[id + 1] - offsets[id]);
    }
    return new PageDictionary(null, bytes, offsets);
  }

  /**
   * A PLAIN dictionary page of byte strings (a 4-byte little-endian length before each entry) parsed
   * straight into the packed form, without a {@code Binary} object per entry.
   */
  private static PageDictionary plainByteStrings(DictionaryPage page) {
    byte[] raw;
    try {
      raw = page.getBytes().toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the dictionary page: " + e.getMessage(), e);
    }
    int size = page.getDictionarySize();
    if (size < 0 || (long) size * 4 > raw.length) {
      throw new IllegalStateException("a dictionary page of " + raw.length + " bytes claims " + size + " entries");
    }
    int[] offsets = new int[size + 1];
    byte[] bytes = new byte[raw.length - size * 4 + ByteStaging.SLACK];
    int p = 0;
    int at = 0;
    for (int id = 0; id < size; id++) {
      if (p + 4 > raw.length) {
        throw new IllegalStateException("the dictionary page ends before entry " + id + " of " + size);
      }
      int length = (int) INT_LE.get(raw, p);
      p += 4;
      if (length < 0 || length > raw.length - p) {
        throw new IllegalStateException("dictionary entry " + id + " claims " + length + " bytes");
      }
      System.arraycopy(raw, p, bytes, at, length);
      p += length;
      at += length;
      offsets[id + 1] = at;
    }
    return new PageDictionary(null, bytes, offsets);
  }

  int size() {
    return fixed != null ? fixed.length : offsets.length - 1;
  }

  /** Fails on an id outside the dictionary (a corrupt page), before any of them is used. */
  void checkIds(int[] ids, int n) {
    int size = size();
    for (int j = 0; j < n; j++) {
      if (ids[j] < 0 || ids[j] >= size) {
        throw new IllegalStateException("dictionary id " + ids[j] + " is outside a dictionary of " + size);
      }
    }
  }
}
