package io.quiver.executor.operator.column;

import io.quiver.executor.QuiverException;
import io.quiver.executor.vector.DictionaryVector;
import io.quiver.executor.vector.StringDictionary;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * One batch column copied into reusable primitive arrays: {@link #longs} for {@link ValueKind#LONG},
 * {@link #doubles} for {@link ValueKind#DOUBLE}, {@link #bytes} with {@link #offsets} (value {@code i} is
 * {@code bytes[offsets[i] .. offsets[i+1])}) for {@link ValueKind#BYTES}, and {@link #nulls} when
 * {@link #hasNulls}. Loading as a key also fills {@link #longs} for doubles with canonical bits (one
 * zero, one NaN), so equal doubles compare and hash equal as longs, and for bytes with each value's
 * {@linkplain #prefix first eight bytes}.
 *
 * <p>A dictionary-encoded VARCHAR ({@link DictionaryVector}) loads as the strings it stands for.
 *
 * <p>The arrays are reused from batch to batch, so a hot loop allocates nothing once warmed up.
 */
public final class LoadedColumn {
  /** Bytes kept readable past the last value, so eight-byte reads never run off the array. */
  public static final int PADDING = 8;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  public final ArrowType type;
  public final ValueKind kind;
  public int rowCount;
  public long[] longs = new long[0];
  public double[] doubles = new double[0];
  public int[] offsets = new int[1];
  public byte[] bytes = new byte[0];
  public boolean hasNulls;
  public boolean[] nulls = new boolean[0];
  private int[] scratch = new int[0];

  public LoadedColumn(ArrowType type) {
    this.type = type;
    this.kind = ValueKind.of(type);
  }

  /** Whether row {@code i} is NULL. */
  public boolean isNull(int i) {
    return hasNulls && nulls[i];
  }

  /** Copies rows {@code [0, n)} of {@code v} for accumulating or sorting. */
  public void load(FieldVector v, int n) {
    rowCount = n;
    loadNulls(v, n);
    switch (kind) {
      case LONG:
        loadLongs(v, n);
        break;
      case DOUBLE:
        loadDoubles(v, n);
        break;
      case BYTES:
        loadBytes(v, n);
        break;
      default:
        break;
    }
  }

  /** Like {@link #load} and, for doubles, also canonical bits in {@link #longs} for hashing and equality. */
  public void loadKey(FieldVector v, int n) {
    if (kind == ValueKind.OTHER) {
      throw new QuiverException("Grouping or joining on a column of type " + type + " is not supported.");
    }
    load(v, n);
    if (kind == ValueKind.DOUBLE) {
      long[] l = longs = grow(longs, n);
      double[] d = doubles;
      for (int i = 0; i < n; i++) {
        l[i] = canonicalBits(d[i]);
      }
    } else if (kind == ValueKind.BYTES) {
      loadPrefixes(n);
    }
  }

  private void loadPrefixes(int n) {
    long[] l = longs = grow(longs, n);
    for (int i = 0; i < n; i++) {
      l[i] = isNull(i) ? 0 : prefix(bytes, offsets[i], offsets[i + 1] - offsets[i]);
    }
  }

  /**
   * Loads, as a key, entries {@code entries[0, m)} of {@code d} as rows {@code [0, m)}; an entry equal to
   * {@code d.size()} stands for NULL.
   */
  public void loadKeyEntries(StringDictionary d, int[] entries, int m) {
    rowCount = m;
    int size = d.size();
    hasNulls = false;
    int[] dictOffsets = d.offsets();
    long total = 0;
    for (int j = 0; j < m; j++) {
      int e = entries[j];
      if (e == size) {
        hasNulls = true;
      } else {
        total += dictOffsets[e + 1] - dictOffsets[e];
      }
    }
    if (hasNulls) {
      boolean[] nl = nulls = grow(nulls, m);
      for (int j = 0; j < m; j++) {
        nl[j] = entries[j] == size;
      }
    }
    copyEntries(d, entries, m, total, size);
    loadPrefixes(m);
  }

  /** Rows {@code [0, m)} from dictionary entries ({@code nullEntry}: an empty value); nulls already set. */
  private void copyEntries(StringDictionary d, int[] entries, int m, long total, int nullEntry) {
    if (total > Integer.MAX_VALUE - 16) {
      throw new QuiverException("A batch of strings exceeds 2 GB.");
    }
    int[] off = offsets = grow(offsets, m + 1);
    byte[] out = bytes = grow(bytes, (int) total + PADDING);
    byte[] src = d.bytes();
    int[] dictOffsets = d.offsets();
    int at = 0;
    off[0] = 0;
    for (int j = 0; j < m; j++) {
      int e = entries[j];
      if (e != nullEntry) {
        int start = dictOffsets[e];
        int len = dictOffsets[e + 1] - start;
        if (len <= 16) {
          // Short strings: two word copies (the arrays are padded) beat arraycopy's set-up.
          LONGS.set(out, at, (long) LONGS.get(src, start));
          if (len > 8) {
            LONGS.set(out, at + 8, (long) LONGS.get(src, start + 8));
          }
        } else {
          System.arraycopy(src, start, out, at, len);
        }
        at += len;
      }
      off[j + 1] = at;
    }
  }

  /**
   * The first (up to) eight bytes of {@code b[off, off+len)} as one little-endian word, zero-padded. Short
   * strings (most grouping keys) then hash and compare as one long. Needs 8 readable bytes from
   * {@code off} when {@code len < 8}, which the arrays here and in key stores guarantee by padding.
   */
  public static long prefix(byte[] b, int off, int len) {
    long word = (long) LONGS.get(b, off);
    return len >= 8 ? word : word & ((1L << (len << 3)) - 1);
  }

  /**
   * Whether {@code a[ao, ao+len)} equals {@code b[bo, bo+len)}, compared eight bytes at a time (the last
   * word masked). Needs 8 readable bytes from the last word's start in both arrays, as {@link #prefix}
   * does; for the few-byte tails of grouping keys this beats {@code Arrays.equals}' set-up.
   */
  public static boolean bytesEqual(byte[] a, int ao, byte[] b, int bo, int len) {
    int q = 0;
    for (; q + 8 <= len; q += 8) {
      if ((long) LONGS.get(a, ao + q) != (long) LONGS.get(b, bo + q)) {
        return false;
      }
    }
    int rest = len - q;
    return rest == 0 || ((((long) LONGS.get(a, ao + q)) ^ ((long) LONGS.get(b, bo + q))) & ((1L << (rest << 3)) - 1)) == 0;
  }

  /** The bits of {@code d} with -0.0 folded into 0.0 and every NaN into one NaN (SQL equality of keys). */
  public static long canonicalBits(double d) {
    return d == 0.0 ? 0L : Double.doubleToLongBits(d);
  }

  /** Length in bytes of value {@code i} (BYTES kind). */
  public int length(int i) {
    return offsets[i + 1] - offsets[i];
  }

  private void loadNulls(FieldVector v, int n) {
    hasNulls = n > 0 && v.getNullCount() > 0;
    if (!hasNulls) {
      return;
    }
    boolean[] nl = nulls = grow(nulls, n);
    ArrowBuf validity = v.getValidityBuffer();
    if (validity == null || validity.capacity() == 0) {
      for (int i = 0; i < n; i++) {
        nl[i] = v.isNull(i);
      }
      return;
    }
    for (int i = 0; i < n; i++) {
      nl[i] = ((validity.getByte(i >>> 3) >>> (i & 7)) & 1) == 0;
    }
  }

  private void loadLongs(FieldVector v, int n) {
    long[] out = longs = grow(longs, n);
    if (v instanceof BitVector bits) {
      ArrowBuf data = bits.getDataBuffer();
      for (int i = 0; i < n; i++) {
        out[i] = (data.getByte(i >>> 3) >>> (i & 7)) & 1;
      }
      return;
    }
    BaseFixedWidthVector fw = (BaseFixedWidthVector) v;
    ArrowBuf data = fw.getDataBuffer();
    boolean unsigned = type instanceof ArrowType.Int t && !t.getIsSigned();
    switch (fw.getTypeWidth()) {
      case 8:
        for (int i = 0; i < n; i++) {
          out[i] = data.getLong((long) i << 3);
        }
        break;
      case 4:
        if (unsigned) {
          for (int i = 0; i < n; i++) {
            out[i] = data.getInt((long) i << 2) & 0xFFFFFFFFL;
          }
        } else {
          for (int i = 0; i < n; i++) {
            out[i] = data.getInt((long) i << 2);
          }
        }
        break;
      case 2:
        for (int i = 0; i < n; i++) {
          short s = data.getShort((long) i << 1);
          out[i] = unsigned ? s & 0xFFFF : s;
        }
        break;
      case 1:
        for (int i = 0; i < n; i++) {
          byte b = data.getByte(i);
          out[i] = unsigned ? b & 0xFF : b;
        }
        break;
      default:
        throw new IllegalStateException("unexpected width " + fw.getTypeWidth() + " for " + type);
    }
  }

  private void loadDoubles(FieldVector v, int n) {
    double[] out = doubles = grow(doubles, n);
    ArrowBuf data = ((BaseFixedWidthVector) v).getDataBuffer();
    if (v instanceof Float4Vector) {
      for (int i = 0; i < n; i++) {
        out[i] = data.getFloat((long) i << 2);
      }
    } else {
      for (int i = 0; i < n; i++) {
        out[i] = data.getDouble((long) i << 3);
      }
    }
  }

  private void loadBytes(FieldVector v, int n) {
    if (v instanceof DictionaryVector dv) {
      loadDictionary(dv, n);
      return;
    }
    int[] off = offsets = grow(offsets, n + 1);
    if (v instanceof FixedSizeBinaryVector fb) {
      int w = fb.getByteWidth();
      int total = w * n;
      bytes = grow(bytes, total + PADDING);
      fb.getDataBuffer().getBytes(0, bytes, 0, total);
      for (int i = 0; i <= n; i++) {
        off[i] = i * w;
      }
      return;
    }
    BaseVariableWidthVector vw = (BaseVariableWidthVector) v;
    if (n == 0) {
      off[0] = 0;
      bytes = grow(bytes, PADDING);
      return;
    }
    ArrowBuf ob = vw.getOffsetBuffer();
    int base = ob.getInt(0);
    for (int i = 0; i <= n; i++) {
      off[i] = ob.getInt((long) i << 2) - base;
    }
    int total = off[n];
    bytes = grow(bytes, total + PADDING);
    vw.getDataBuffer().getBytes(base, bytes, 0, total);
  }

  private void loadDictionary(DictionaryVector v, int n) {
    StringDictionary d = v.dictionary();
    int size = d.size();
    int[] ids = scratch = grow(scratch, n);
    int[] dictOffsets = d.offsets();
    long total = 0;
    ArrowBuf data = v.getDataBuffer();
    for (int i = 0; i < n; i++) {
      int id = isNull(i) ? size : data.getInt((long) i << 2);
      if (id < 0 || id > size) {
        throw new IllegalStateException("dictionary id " + id + " is outside a dictionary of " + size);
      }
      ids[i] = id;
      if (id != size) {
        total += dictOffsets[id + 1] - dictOffsets[id];
      }
    }
    copyEntries(d, ids, n, total, size);
  }

  private static long[] grow(long[] a, int n) {
    return a.length >= n ? a : new long[Math.max(n, a.length + (a.length >> 1))];
  }

  private static boolean[] grow(boolean[] a, int n) {
    return a.length >= n ? a : new boolean[Math.max(n, a.length + (a.length >> 1))];
  }

  private static double[] grow(double[] a, int n) {
    return a.length >= n ? a : new double[Math.max(n, a.length + (a.length >> 1))];
  }

  private static int[] grow(int[] a, int n) {
    return a.length >= n ? a : new int[Math.max(n, a.length + (a.length >> 1))];
  }

  private static byte[] grow(byte[] a, int n) {
    return a.length >= n ? a : new byte[Math.max(n, a.length + (a.length >> 1))];
  }
}
