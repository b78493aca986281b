package io.quiver.executor.source.parquet;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * The fast path for a flat (non-repeated) column of fixed-width numbers or byte strings: decodes pages
 * straight into the Arrow vector's buffers. PLAIN values are copied in bulk (Parquet and Arrow are both
 * little-endian), dictionary ids and definition levels are decoded run by run ({@link HybridDecoder}),
 * and other encodings (DELTA_*, BYTE_STREAM_SPLIT) go through Parquet-MR's value readers. Types this
 * class does not take ({@link #supports}) are read through {@link LeafCopier}.
 */
final class FlatColumnReader {
  private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int COPY_SLACK = 8;

  private enum Width { FOUR, EIGHT, BYTES }

  private enum Mode { PLAIN, DICTIONARY, OTHER }

  private final PageReader pages;
  private final ColumnDescriptor column;
  private final PrimitiveType type;
  private final Width width;
  private final int maxDef;
  private final long multiplier;
  private final long divisor;
  private long valuesLeft;

  private long[] dictFixed;
  private byte[] dictBytes;
  private int[] dictOffsets;

  private int pageLeft;
  private IntSource defs;
  private Mode mode;
  private ByteBuffer data;
  private int dataPos;
  private HybridDecoder ids;
  private ValuesReader other;
  private int[] defScratch = new int[0];
  private int[] idScratch = new int[0];
  private byte[] staging = new byte[0];

  /** A source of small integers: definition levels or dictionary ids. */
  interface IntSource {
    void read(int[] out, int off, int n);
  }

  /** Whether this reader handles a flat column of type {@code p} read as {@code target}. */
  static boolean supports(PrimitiveType p, ArrowType target) {
    LogicalTypeAnnotation l = p.getLogicalTypeAnnotation();
    if (l instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation
        || l instanceof LogicalTypeAnnotation.Float16LogicalTypeAnnotation) {
      return false;
    }
    switch (p.getPrimitiveTypeName()) {
      case INT32:
        return target instanceof ArrowType.Date
            || (target instanceof ArrowType.Int i && i.getBitWidth() == 32);
      case INT64:
      case FLOAT:
      case DOUBLE:
      case BINARY:
      case FIXED_LEN_BYTE_ARRAY:
        return true;
      default:
        return false;
    }
  }

  FlatColumnReader(PageReader pages, ColumnDescriptor column) {
    this.pages = pages;
    this.column = column;
    this.type = column.getPrimitiveType();
    this.maxDef = column.getMaxDefinitionLevel();
    this.valuesLeft = pages.getTotalValueCount();
    switch (type.getPrimitiveTypeName()) {
      case INT32:
      case FLOAT:
        width = Width.FOUR;
        break;
      case INT64:
      case DOUBLE:
        width = Width.EIGHT;
        break;
      default:
        width = Width.BYTES;
    }
    long mul = 1;
    long div = 1;
    if (type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t) {
      if (t.getUnit() == LogicalTypeAnnotation.TimeUnit.MILLIS) {
        mul = 1000;
      } else if (t.getUnit() == LogicalTypeAnnotation.TimeUnit.NANOS) {
        div = 1000;
      }
    }
    this.multiplier = mul;
    this.divisor = div;
    readDictionary();
  }

  /** The number of values (rows, for a flat column) the column chunk holds. */
  long totalValues() {
    return pages.getTotalValueCount();
  }

  private void readDictionary() {
    DictionaryPage page = pages.readDictionaryPage();
    if (page == null) {
      return;
    }
    Dictionary d;
    try {
      d = page.getEncoding().initDictionary(column, page);
    } catch (IOException e) {
      throw new IllegalStateException("cannot decode the dictionary page: " + e.getMessage(), e);
    }
    int size = d.getMaxId() + 1;
    if (width == Width.BYTES) {
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
      byte[] bytes = new byte[(int) total + COPY_SLACK]; // slack for copyShort's 8-byte blocks
      for (int id = 0; id < size; id++) {
        ByteBuffer b = entries[id].toByteBuffer();
        b.get(bytes, offsets[id], offsets[id + 1] - offsets[id]);
      }
      dictBytes = bytes;
      dictOffsets = offsets;
    } else {
      long[] values = new long[size];
      for (int id = 0; id < size; id++) {
        switch (type.getPrimitiveTypeName()) {
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
            values[id] = scale(d.decodeToLong(id));
        }
      }
      dictFixed = values;
    }
  }

  /** Reads the next {@code n} rows into {@code v[0, n)}; fixed-width vectors must hold n values. */
  void read(FieldVector v, int n) {
    int done = 0;
    while (done < n) {
      if (pageLeft == 0) {
        nextPage();
        continue;
      }
      int k = Math.min(n - done, pageLeft);
      readRun(v, done, k);
      done += k;
      pageLeft -= k;
    }
  }

  private void nextPage() {
    if (valuesLeft <= 0) {
      throw new IllegalStateException("column " + column + " has fewer values than the row group has rows");
    }
    DataPage page = pages.readPage();
    if (page == null) {
      throw new IllegalStateException("column " + column + " ends before its declared value count");
    }
    int count = page.getValueCount();
    if (count < 0 || count > valuesLeft) {
      throw new IllegalStateException("a page of column " + column + " claims " + count + " values");
    }
    try {
      if (page instanceof DataPageV1 v1) {
        ByteBuffer bb = v1.getBytes().toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        int p = bb.position();
        if (maxDef > 0) {
          p = initLevels(v1.getDlEncoding(), bb, p, count);
        }
        initValues(v1.getValueEncoding(), bb, p, count);
      } else {
        DataPageV2 v2 = (DataPageV2) page;
        defs = maxDef > 0 ? new Levels(new HybridDecoder(
            v2.getDefinitionLevels().toByteBuffer(), BytesUtils.getWidthFromMaxInt(maxDef))) : null;
        ByteBuffer bb = v2.getData().toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        initValues(v2.getDataEncoding(), bb, bb.position(), count);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot decode a page of column " + column + ": " + e.getMessage(), e);
    }
    pageLeft = count;
    valuesLeft -= count;
  }

  /** Sets up definition levels of a V1 page; returns where its values start. */
  private int initLevels(Encoding encoding, ByteBuffer bb, int p, int count) throws IOException {
    if (encoding == Encoding.RLE) {
      int length = bb.getInt(p);
      if (length < 0 || p + 4 + length > bb.limit()) {
        throw new IllegalStateException("definition levels claim " + length + " bytes");
      }
      ByteBuffer levels = bb.duplicate();
      levels.position(p + 4).limit(p + 4 + length);
      defs = new Levels(new HybridDecoder(levels, BytesUtils.getWidthFromMaxInt(maxDef)));
      return p + 4 + length;
    }
    // Deprecated BIT_PACKED levels: rare, so Parquet-MR decodes them value by value.
    ValuesReader r = encoding.getValuesReader(column, ValuesType.DEFINITION_LEVEL);
    ByteBuffer rest = bb.duplicate();
    rest.position(p);
    ByteBufferInputStream in = ByteBufferInputStream.wrap(rest);
    r.initFromPage(count, in);
    defs = (out, off, n) -> {
      for (int i = 0; i < n; i++) {
        out[off + i] = r.readInteger();
      }
    };
    return p + (int) in.position();
  }

  private void initValues(Encoding encoding, ByteBuffer bb, int p, int count) throws IOException {
    if (encoding.usesDictionary()) {
      if (dictFixed == null && dictOffsets == null) {
        throw new IllegalStateException("a dictionary-encoded page has no dictionary");
      }
      if (p >= bb.limit()) {
        // Every value of the page is NULL; there is not even a bit width.
        ids = null;
      } else {
        ByteBuffer rest = bb.duplicate();
        rest.position(p + 1);
        ids = new HybridDecoder(rest, bb.get(p) & 0xFF);
      }
      mode = Mode.DICTIONARY;
    } else if (encoding == Encoding.PLAIN) {
      data = bb;
      dataPos = p;
      mode = Mode.PLAIN;
    } else {
      ByteBuffer rest = bb.duplicate();
      rest.position(p);
      other = encoding.getValuesReader(column, ValuesType.VALUES);
      other.initFromPage(count, ByteBufferInputStream.wrap(rest));
      mode = Mode.OTHER;
    }
  }

  private void readRun(FieldVector v, int off, int k) {
    int defined = k;
    int[] d = null;
    if (maxDef > 0) {
      if (defScratch.length < k) {
        defScratch = new int[Math.max(k, 1024)];
      }
      d = defScratch;
      defs.read(d, 0, k);
      defined = 0;
      for (int i = 0; i < k; i++) {
        if (d[i] == maxDef) {
          defined++;
        }
      }
      if (defined == k) {
        d = null;
      }
    }
    int[] dictIds = null;
    if (mode == Mode.DICTIONARY && defined > 0) {
      if (ids == null) {
        throw new IllegalStateException("a dictionary-encoded page has values but no ids");
      }
      if (idScratch.length < defined) {
        idScratch = new int[Math.max(defined, 1024)];
      }
      dictIds = idScratch;
      ids.read(dictIds, 0, defined);
    }
    if (width == Width.BYTES) {
      readBytes((BaseVariableWidthVector) v, off, k, d, dictIds);
    } else {
      readFixed((BaseFixedWidthVector) v, off, k, d, dictIds, defined);
    }
  }

  private void readFixed(BaseFixedWidthVector v, int off, int k, int[] d, int[] dictIds, int defined) {
    ArrowBuf out = v.getDataBuffer();
    ArrowBuf validity = v.getValidityBuffer();
    int w = width == Width.FOUR ? 4 : 8;
    if (mode == Mode.PLAIN && d == null) {
      long bytes = (long) k * w;
      if (dataPos + bytes > data.limit()) {
        throw new IllegalStateException("a PLAIN page of column " + column + " ends early");
      }
      ByteBuffer src = data.duplicate();
      src.position(dataPos).limit(dataPos + (int) bytes);
      out.setBytes((long) off * w, src);
      dataPos += (int) bytes;
      setValid(validity, off, k);
      if (multiplier != 1 || divisor != 1) {
        for (int i = off; i < off + k; i++) {
          out.setLong((long) i * 8, scale(out.getLong((long) i * 8)));
        }
      }
      return;
    }
    if (mode == Mode.DICTIONARY) {
      readDictionaryFixed(out, validity, off, k, d, dictIds, w);
      return;
    }
    int j = 0;
    for (int i = 0; i < k; i++) {
      if (d != null && d[i] != maxDef) {
        continue;
      }
      long value = nextFixed(dictIds, j++, w);
      int index = off + i;
      if (w == 4) {
        out.setInt((long) index * 4, (int) value);
      } else {
        out.setLong((long) index * 8, value);
      }
      BitVectorHelper.setBit(validity, index);
    }
  }

  /** The hot loop of dictionary-encoded numbers, with the id check hoisted out of the copy. */
  private void readDictionaryFixed(ArrowBuf out, ArrowBuf validity, int off, int k, int[] d, int[] dictIds, int w) {
    long[] dict = dictFixed;
    int defined = d == null ? k : countDefined(d, k);
    for (int j = 0; j < defined; j++) {
      if (dictIds[j] < 0 || dictIds[j] >= dict.length) {
        throw new IllegalStateException("dictionary id " + dictIds[j] + " is outside a dictionary of " + dict.length);
      }
    }
    if (d == null) {
      if (w == 4) {
        for (int i = 0; i < k; i++) {
          out.setInt((long) (off + i) * 4, (int) dict[dictIds[i]]);
        }
      } else {
        for (int i = 0; i < k; i++) {
          out.setLong((long) (off + i) * 8, dict[dictIds[i]]);
        }
      }
      setValid(validity, off, k);
      return;
    }
    int j = 0;
    for (int i = 0; i < k; i++) {
      if (d[i] == maxDef) {
        int index = off + i;
        if (w == 4) {
          out.setInt((long) index * 4, (int) dict[dictIds[j++]]);
        } else {
          out.setLong((long) index * 8, dict[dictIds[j++]]);
        }
        BitVectorHelper.setBit(validity, index);
      }
    }
  }

  private int countDefined(int[] d, int k) {
    int n = 0;
    for (int i = 0; i < k; i++) {
      if (d[i] == maxDef) {
        n++;
      }
    }
    return n;
  }

  private long nextFixed(int[] dictIds, int j, int w) {
    switch (mode) {
      case DICTIONARY: {
        int id = dictIds[j];
        if (id < 0 || id >= dictFixed.length) {
          throw new IllegalStateException("dictionary id " + id + " is outside a dictionary of " + dictFixed.length);
        }
        return dictFixed[id];
      }
      case PLAIN: {
        if (dataPos + w > data.limit()) {
          throw new IllegalStateException("a PLAIN page of column " + column + " ends early");
        }
        long value = w == 4 ? data.getInt(dataPos) : scale(data.getLong(dataPos));
        dataPos += w;
        return value;
      }
      default:
        switch (type.getPrimitiveTypeName()) {
          case INT32:
            return other.readInteger();
          case FLOAT:
            return Float.floatToRawIntBits(other.readFloat());
          case DOUBLE:
            return Double.doubleToRawLongBits(other.readDouble());
          default:
            return scale(other.readLong());
        }
    }
  }

  /**
   * Byte strings are appended to the vector's data buffer directly (offsets, validity and the vector's
   * last-set index kept in step), after growing it once per run for the bytes the run can need.
   */
  private void readBytes(BaseVariableWidthVector v, int off, int k, int[] d, int[] dictIds) {
    int fixedLength = type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY
        ? type.getTypeLength() : -1;
    ArrowBuf offsets = v.getOffsetBuffer();
    ArrowBuf validity = v.getValidityBuffer();
    long end = offsets.getInt((long) off * 4);
    if (mode == Mode.DICTIONARY) {
      int defined = d == null ? k : countDefined(d, k);
      long need = 0;
      for (int j = 0; j < defined; j++) {
        int id = dictIds[j];
        if (id < 0 || id + 1 >= dictOffsets.length) {
          throw new IllegalStateException("dictionary id " + id + " is outside a dictionary of " + (dictOffsets.length - 1));
        }
        need += dictOffsets[id + 1] - dictOffsets[id];
      }
      byte[] staged = stage(need);
      int at = 0;
      int j = 0;
      for (int i = 0; i < k; i++) {
        int index = off + i;
        if (d == null || d[i] == maxDef) {
          int id = dictIds[j++];
          int start = dictOffsets[id];
          int length = dictOffsets[id + 1] - start;
          copyShort(dictBytes, start, staged, at, length);
          at += length;
          if (d != null) {
            BitVectorHelper.setBit(validity, index);
          }
        }
        offsets.setInt((long) (index + 1) * 4, (int) end + at);
      }
      reserve(v, end + at).setBytes(end, staged, 0, at);
      if (d == null) {
        setValid(validity, off, k);
      }
    } else if (mode == Mode.PLAIN && data.hasArray()) {
      // The page's remaining bytes bound what this run can append.
      byte[] src = data.array();
      int base = data.arrayOffset();
      int limit = base + data.limit();
      int p = base + dataPos;
      byte[] staged = stage(limit - p);
      int at = 0;
      for (int i = 0; i < k; i++) {
        int index = off + i;
        if (d == null || d[i] == maxDef) {
          int length = fixedLength;
          if (length < 0) {
            if (p + 4 > limit) {
              throw new IllegalStateException("a PLAIN page of column " + column + " ends early");
            }
            length = (int) INT_LE.get(src, p);
            p += 4;
          }
          if (length < 0 || p + length > limit) {
            throw new IllegalStateException("a value of column " + column + " claims " + length + " bytes");
          }
          copyShort(src, p, staged, at, length);
          p += length;
          at += length;
          if (d != null) {
            BitVectorHelper.setBit(validity, index);
          }
        }
        offsets.setInt((long) (index + 1) * 4, (int) end + at);
      }
      dataPos = p - base;
      reserve(v, end + at).setBytes(end, staged, 0, at);
      if (d == null) {
        setValid(validity, off, k);
      }
    } else if (mode == Mode.PLAIN) {
      ArrowBuf out = reserve(v, end + (data.limit() - dataPos));
      for (int i = 0; i < k; i++) {
        int index = off + i;
        if (d == null || d[i] == maxDef) {
          int length = fixedLength;
          if (length < 0) {
            if (dataPos + 4 > data.limit()) {
              throw new IllegalStateException("a PLAIN page of column " + column + " ends early");
            }
            length = data.getInt(dataPos);
            dataPos += 4;
          }
          if (length < 0 || dataPos + length > data.limit()) {
            throw new IllegalStateException("a value of column " + column + " claims " + length + " bytes");
          }
          out.setBytes(end, data, dataPos, length);
          dataPos += length;
          end += length;
          BitVectorHelper.setBit(validity, index);
        }
        offsets.setInt((long) (index + 1) * 4, (int) end);
      }
    } else {
      for (int i = 0; i < k; i++) {
        int index = off + i;
        if (d == null || d[i] == maxDef) {
          ByteBuffer b = other.readBytes().toByteBuffer();
          int length = b.remaining();
          reserve(v, end + length).setBytes(end, b, b.position(), length);
          end += length;
          BitVectorHelper.setBit(validity, index);
        }
        offsets.setInt((long) (index + 1) * 4, (int) end);
      }
    }
    v.setLastSet(off + k - 1);
  }

  /**
   * Copies a short byte string in 8-byte blocks when both arrays have room for the last block's
   * overshoot (the staging array and dictionary keep {@link #COPY_SLACK} spare bytes; the overshoot is
   * overwritten by the next value), else with arraycopy. Most strings are a few bytes, where arraycopy's
   * set-up costs more than the copy.
   */
  private static void copyShort(byte[] src, int from, byte[] dst, int to, int length) {
    if (length <= 32 && from + length + COPY_SLACK <= src.length && to + length + COPY_SLACK <= dst.length) {
      for (int q = 0; q < length; q += 8) {
        LONG_LE.set(dst, to + q, (long) LONG_LE.get(src, from + q));
      }
    } else {
      System.arraycopy(src, from, dst, to, length);
    }
  }

  /** A reusable staging array of at least {@code bytes}: many small copies there, one into Arrow. */
  private byte[] stage(long bytes) {
    bytes += COPY_SLACK;
    if (bytes > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("a batch of byte strings exceeds 2 GB");
    }
    if (staging.length < bytes) {
      staging = new byte[(int) Math.max(bytes, Math.min(Integer.MAX_VALUE - 16, staging.length * 2L))];
    }
    return staging;
  }

  /** The vector's data buffer, grown (doubling) to hold at least {@code bytes}. */
  private static ArrowBuf reserve(BaseVariableWidthVector v, long bytes) {
    if (bytes > Integer.MAX_VALUE) {
      throw new IllegalStateException("a batch of byte strings exceeds 2 GB");
    }
    while (v.getDataBuffer().capacity() < bytes) {
      v.reallocDataBuffer();
    }
    return v.getDataBuffer();
  }

  private long scale(long v) {
    return divisor != 1 ? Math.floorDiv(v, divisor) : v * multiplier;
  }

  private static void setValid(ArrowBuf validity, int off, int k) {
    int i = off;
    int end = off + k;
    while (i < end && (i & 7) != 0) {
      BitVectorHelper.setBit(validity, i++);
    }
    while (i + 8 <= end) {
      validity.setByte(i >>> 3, 0xFF);
      i += 8;
    }
    while (i < end) {
      BitVectorHelper.setBit(validity, i++);
    }
  }

  /** Definition levels from the hybrid decoder. */
  private record Levels(HybridDecoder decoder) implements IntSource {
    @Override
    public void read(int[] out, int off, int n) {
      decoder.read(out, off, n);
    }
  }
}
