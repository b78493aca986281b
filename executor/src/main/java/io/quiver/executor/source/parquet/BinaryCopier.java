package io.quiver.executor.source.parquet;

import java.nio.ByteBuffer;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;

/**
 * Copies BINARY and FIXED_LEN_BYTE_ARRAY values into a VarChar or VarBinary vector. On dictionary
 * encoded pages Parquet-MR hands over the dictionary once per column chunk; its entries are copied into
 * one byte array, so each row is a single memory copy by id instead of a decoded object per row.
 */
final class BinaryCopier extends LeafCopier {
  private int index;
  private byte[] dictBytes;
  private int[] dictOffsets;

  @Override
  void copyFlat(ColumnReader r, int n, int maxDef) {
    for (int i = 0; i < n; i++) {
      if (r.getCurrentDefinitionLevel() == maxDef) {
        index = i;
        r.writeCurrentValueToConverter();
      }
      r.consume();
    }
  }

  @Override
  void copyOne(ColumnReader r, int index) {
    this.index = index;
    r.writeCurrentValueToConverter();
  }

  @Override
  public boolean hasDictionarySupport() {
    return true;
  }

  @Override
  public void setDictionary(Dictionary dictionary) {
    int size = dictionary.getMaxId() + 1;
    int[] offsets = new int[size + 1];
    long total = 0;
    Binary[] entries = new Binary[size];
    for (int id = 0; id < size; id++) {
      entries[id] = dictionary.decodeToBinary(id);
      total += entries[id].length();
      if (total > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("a dictionary page holds more than 2 GB");
      }
      offsets[id + 1] = (int) total;
    }
    byte[] bytes = new byte[(int) total];
    for (int id = 0; id < size; id++) {
      ByteBuffer b = entries[id].toByteBuffer();
      b.get(bytes, offsets[id], offsets[id + 1] - offsets[id]);
    }
    this.dictBytes = bytes;
    this.dictOffsets = offsets;
  }

  @Override
  public void addValueFromDictionary(int dictionaryId) {
    if (dictionaryId < 0 || dictionaryId + 1 >= dictOffsets.length) {
      throw new IllegalStateException("dictionary id " + dictionaryId + " is outside the dictionary of "
          + (dictOffsets.length - 1) + " entries");
    }
    int start = dictOffsets[dictionaryId];
    ((BaseVariableWidthVector) vector).setSafe(index, dictBytes, start, dictOffsets[dictionaryId + 1] - start);
  }

  @Override
  public void addBinary(Binary value) {
    ByteBuffer b = value.toByteBuffer();
    ((BaseVariableWidthVector) vector).setSafe(index, b, b.position(), b.remaining());
  }
}
