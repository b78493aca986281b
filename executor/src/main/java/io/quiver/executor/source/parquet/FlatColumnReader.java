package io.quiver.executor.source.parquet;

import io.quiver.executor.vector.DictionaryVector;
import io.quiver.executor.vector.StringDictionary;
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
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * The fast path for a flat (non-repeated) column of fixed-width numbers or byte strings: decodes pages
 * straight into the Arrow vector's buffers. PLAIN values are copied in bulk (Parquet and Arrow are both
 * little-endian), dictionary ids and definition levels are decoded run by run ({@link HybridDecoder}),
 * and other encodings (DELTA_*, BYTE_STREAM_SPLIT) go through Parquet-MR's value readers. Types this
 * class does not take ({@link #supports}) are read through {@link LeafCopier}.
 *
 * <p>Byte strings can also come out dictionary-encoded ({@link #readIds}): the ids of dictionary pages
 * go into a {@link DictionaryVector} over the chunk's dictionary, without copying any string. Once a
 * page of the chunk is not dictionary-encoded (writers fall back to PLAIN when the dictionary grows too
 * big), the rest of the chunk is read as plain strings.
 */
final class FlatColumnReader {
  private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

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

  private final PageDictionary dictionary;
  private final ByteStaging staging = new ByteStaging();

  private int pageLeft;
  private IntSource defs;
  private Mode mode;
  private ByteBuffer data;
  private int dataPos;
  private HybridDecoder ids;
  private ValuesReader other;
  private int[] defScratch = new int[0];
  private int[] idScratch = new int[0];
  /** Whether a page of this chunk was not dictionary-encoded: then ids are no longer offered. */
  private boolean sawNonDictionaryPage;

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
    DictionaryPage page = pages.readDictionaryPage();
    this.dictionary = page == null ? null : PageDictionary.decode(page, column, this::scale);
  }

  /** The number of values (rows, for a flat column) the column chunk holds. */
  long totalValues() {
    return pages.getTotalValueCount();
  }

  /** Reads the next {@code n} rows into {@code v[0, n)}; fixed-width vectors must hold n values. */
  void read(FieldVector v, int n) {
    read(v, 0, n);
  }

  /**
   * Reads the next {@code n} rows into {@code v[off, off+n)}; rows {@code [0, off)} are already there
   * (for byte strings: their offsets are set).
   */
  void read(FieldVector v, int off, int n) {
    int done = off;
    n += off;
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

  /**
   * The chunk's dictionary of byte strings if the rows to come can still be read as ids into it ({@link
   * #readIds}), else null (numbers, no dictionary page, or the chunk fell back to another encoding).
   */
  StringDictionary idDictionary() {
    return width == Width.BYTES && dictionary != null && !sawNonDictionaryPage ? dictionary.strings : null;
  }

  /**
   * Reads up to {@code n} rows as dictionary ids into {@code v[0, ..)} (allocated for n values), stopping
   * early before a page that is not dictionary-encoded; returns how many rows it read. The rest is then
   * read with {@link #read(FieldVector, int, int)} after {@link #decodeIds}.
   */
  int readIds(DictionaryVector v, int n) {
    int done = 0;
    while (done < n) {
      if (pageLeft == 0) {
        nextPage();
        continue;
      }
      if (mode != Mode.DICTIONARY) {
        break;
      }
      int k = Math.min(n - done, pageLeft);
      readIdRun(v, done, k);
      done += k;
      pageLeft -= k;
    }
    return done;
  }

  private void readIdRun(DictionaryVector v, int off, int k) {
    int[] d = definitions(k);
    int defined = d == null ? k : countDefined(d, k);
    if (defined == 0) {
      return; // validity bits start clear: all NULL
    }
    if (ids == null) {
      throw new IllegalStateException("a dictionary-encoded page has values but no ids");
    }
    if (idScratch.length < defined) {
      idScratch = new int[Math.max(defined, 1024)];
    }
    int[] dictIds = idScratch;
    ids.read(dictIds, 0, defined);
    ArrowBuf out = v.getDataBuffer();
    ArrowBuf validity = v.getValidityBuffer();
    int last = dictionary.size() - 1;
    int bad = 0; // negative once an id is outside the dictionary; checked once per run
    if (d == null) {
      for (int i = 0; i < k; i++) {
        int id = dictIds[i];
        bad |= id | (last - id);
        out.setInt((long) (off + i) << 2, id);
      }
      ByteStaging.setValid(validity, off, k);
    } else {
      int j = 0;
      for (int i = 0; i < k; i++) {
        if (d[i] == maxDef) {
          int id = dictIds[j++];
          bad |= id | (last - id);
          out.setInt((long) (off + i) << 2, id);
          BitVectorHelper.setBit(validity, off + i);
        }
      }
    }
    if (bad < 0) {
      dictionary.checkIds(dictIds, defined); // names the bad id
    }
  }

  /** Writes rows {@code [0, n)} of {@code ids} as plain strings into {@code out} (allocated, empty). */
  void decodeIds(DictionaryVector ids, int n, BaseVariableWidthVector out) {
    StringDictionary dict = ids.dictionary();
    int[] dictOffsets = dict.offsets();
    byte[] dictBytes = dict.bytes();
    long need = 0;
    for (int i = 0; i < n; i++) {
      if (!ids.isNull(i)) {
        int id = ids.id(i);
        need += dictOffsets[id + 1] - dictOffsets[id];
      }
    }
    byte[] staged = staging.stage(need);
    ArrowBuf offsets = out.getOffsetBuffer();
    ArrowBuf validity = out.getValidityBuffer();
    int at = 0;
    offsets.setInt(0, 0);
    for (int i = 0; i < n; i++) {
      if (!ids.isNull(i)) {
        int id = ids.id(i);
        int start = dictOffsets[id];
        int length = dictOffsets[id + 1] - start;
        ByteStaging.copyShort(dictBytes, start, staged, at, length);
        at += length;
        BitVectorHelper.setBit(validity, i);
      }
      offsets.setInt((long) (i + 1) * 4, at);
    }
    ByteStaging.reserve(out, at).setBytes(0, staged, 0, at);
    if (n > 0) {
      out.setLastSet(n - 1);
    }
  }

  /** The definition levels of the next {@code k} values, or null when all of them are defined. */
  private int[] definitions(int k) {
    if (maxDef == 0 || (defs instanceof Levels l && l.decoder().skipRun(maxDef, k))) {
      return null;
    }
    if (defScratch.length < k) {
      defScratch = new int[Math.max(k, 1024)];
    }
    int[] d = defScratch;
    defs.read(d, 0, k);
    return countDefined(d, k) == k ? null : d;
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
      if (dictionary == null) {
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
      sawNonDictionaryPage = true;
    } else {
      sawNonDictionaryPage = true;
      ByteBuffer rest = bb.duplicate();
      rest.position(p);
      other = encoding.getValuesReader(column, ValuesType.VALUES);
      other.initFromPage(count, ByteBufferInputStream.wrap(rest));
      mode = Mode.OTHER;
    }
  }

  private void readRun(FieldVector v, int off, int k) {
    int[] d = definitions(k);
    int defined = d == null ? k : countDefined(d, k);
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
      readFixed((BaseFixedWidthVector) v, off, k, d, dictIds);
    }
  }

  private void readFixed(BaseFixedWidthVector v, int off, int k, int[] d, int[] dictIds) {
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
      ByteStaging.setValid(validity, off, k);
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
    for (int i = 0; i < k; i++) {
      if (d != null && d[i] != maxDef) {
        continue;
      }
      long value = nextFixed(w);
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
    long[] dict = dictionary.fixed;
    if (d == null) {
      // Java's array bounds checks reject ids outside the dictionary; the catch names them.
      try {
        if (w == 4) {
          for (int i = 0; i < k; i++) {
            out.setInt((long) (off + i) * 4, (int) dict[dictIds[i]]);
          }
        } else {
          for (int i = 0; i < k; i++) {
            out.setLong((long) (off + i) * 8, dict[dictIds[i]]);
          }
        }
      } catch (ArrayIndexOutOfBoundsException e) {
        dictionary.checkIds(dictIds, k);
        throw e;
      }
      ByteStaging.setValid(validity, off, k);
      return;
    }
    dictionary.checkIds(dictIds, countDefined(d, k));
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

  /** The next value of a PLAIN or otherwise encoded (not dictionary) page, as raw Arrow bits. */
  private long nextFixed(int w) {
    switch (mode) {
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
      int[] dictOffsets = dictionary.offsets;
      byte[] dictBytes = dictionary.bytes;
      // The longest entry bounds the run's bytes; a bound over 8 MB (long outliers in the dictionary) is
      // replaced by the exact sum, so staging stays small.
      long need = (long) defined * dictionary.maxLength;
      if (need > 1 << 23) {
        dictionary.checkIds(dictIds, defined);
        need = 0;
        for (int j = 0; j < defined; j++) {
          need += dictOffsets[dictIds[j] + 1] - dictOffsets[dictIds[j]];
        }
      }
      byte[] staged = staging.stage(need);
      int at = 0;
      int j = 0;
      // An id outside the dictionary fails offsets[id] or offsets[id + 1]; the catch names it.
      try {
        for (int i = 0; i < k; i++) {
          int index = off + i;
          if (d == null || d[i] == maxDef) {
            int id = dictIds[j++];
            int start = dictOffsets[id];
            int length = dictOffsets[id + 1] - start;
            ByteStaging.copyShort(dictBytes, start, staged, at, length);
            at += length;
            if (d != null) {
              BitVectorHelper.setBit(validity, index);
            }
          }
          offsets.setInt((long) (index + 1) * 4, (int) end + at);
        }
      } catch (ArrayIndexOutOfBoundsException e) {
        dictionary.checkIds(dictIds, defined);
        throw e;
      }
      ByteStaging.reserve(v, end + at).setBytes(end, staged, 0, at);
      if (d == null) {
        ByteStaging.setValid(validity, off, k);
      }
    } else if (mode == Mode.PLAIN && data.hasArray()) {
      // The page's remaining bytes bound what this run can append.
      byte[] src = data.array();
      int base = data.arrayOffset();
      int limit = base + data.limit();
      int p = base + dataPos;
      byte[] staged = staging.stage(limit - p);
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
          ByteStaging.copyShort(src, p, staged, at, length);
          p += length;
          at += length;
          if (d != null) {
            BitVectorHelper.setBit(validity, index);
          }
        }
        offsets.setInt((long) (index + 1) * 4, (int) end + at);
      }
      dataPos = p - base;
      ByteStaging.reserve(v, end + at).setBytes(end, staged, 0, at);
      if (d == null) {
        ByteStaging.setValid(validity, off, k);
      }
    } else if (mode == Mode.PLAIN) {
      ArrowBuf out = ByteStaging.reserve(v, end + (data.limit() - dataPos));
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
          ByteStaging.reserve(v, end + length).setBytes(end, b, b.position(), length);
          end += length;
          BitVectorHelper.setBit(validity, index);
        }
        offsets.setInt((long) (index + 1) * 4, (int) end);
      }
    }
    v.setLastSet(off + k - 1);
  }

  private long scale(long v) {
    return divisor != 1 ? Math.floorDiv(v, divisor) : v * multiplier;
  }

  /** Definition levels from the hybrid decoder. */
  private record Levels(HybridDecoder decoder) implements IntSource {
    @Override
    public void read(int[] out, int off, int n) {
      decoder.read(out, off, n);
    }
  }
}
