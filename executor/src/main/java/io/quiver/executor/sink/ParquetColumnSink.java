package io.quiver.executor.sink;

import io.quiver.udf.tensor.FixedShapeTensorType;
import org.apache.arrow.vector.ExtensionTypeVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.parquet.column.ColumnWriter;

/**
 * Writes one top-level Arrow column into its Parquet leaf column: a flat optional column (definition
 * level 1 when present), or a 3-level LIST (list, fixed-size list, tensor) whose levels are 0 for a
 * NULL list, 1 for an empty one, and per element 2 (NULL element) or the leaf's maximum.
 */
abstract class ParquetColumnSink {
  protected final ColumnWriter writer;

  ParquetColumnSink(ColumnWriter writer) {
    this.writer = writer;
  }

  /** The sink for {@code field} (as mapped by {@link ParquetSchemaMapper}) writing into {@code writer}. */
  static ParquetColumnSink of(Field field, ColumnWriter writer, int maxDef) {
    if (field.getType() instanceof FixedShapeTensorType t) {
      return new ListSink(writer, ParquetValues.of(t.elementType()), maxDef);
    }
    if (ParquetSchemaMapper.isPrimitive(field.getType())) {
      return new FlatSink(writer, ParquetValues.of(field.getType()));
    }
    return new ListSink(writer, ParquetValues.of(field.getChildren().get(0).getType()), maxDef);
  }

  /** Called once per batch with the column's vector, before {@link #write}. */
  abstract void begin(FieldVector v);

  /** Writes rows {@code [from, to)} of the vector given to {@link #begin}. */
  abstract void write(int from, int to);

  private static final class FlatSink extends ParquetColumnSink {
    private final ParquetValues values;
    private FieldVector vector;
    private boolean checkNulls;

    FlatSink(ColumnWriter writer, ParquetValues values) {
      super(writer);
      this.values = values;
    }

    @Override
    void begin(FieldVector v) {
      vector = v;
      checkNulls = v.getNullCount() > 0;
      values.begin(v);
    }

    @Override
    void write(int from, int to) {
      values.write(writer, vector, from, to, 0, 0, 1, checkNulls);
    }
  }

  private static final class ListSink extends ParquetColumnSink {
    private final ParquetValues values;
    private final int maxDef;
    private FieldVector list;
    private FieldVector data;
    private boolean listNulls;
    private boolean elementNulls;
    private int fixedSize = -1;

    ListSink(ColumnWriter writer, ParquetValues values, int maxDef) {
      super(writer);
      this.values = values;
      this.maxDef = maxDef;
    }

    @Override
    void begin(FieldVector v) {
      list = v instanceof ExtensionTypeVector<?> ext ? (FieldVector) ext.getUnderlyingVector() : v;
      if (list instanceof FixedSizeListVector fsl) {
        fixedSize = fsl.getListSize();
        data = fsl.getDataVector();
      } else if (list instanceof LargeListVector ll) {
        data = ll.getDataVector();
      } else {
        data = ((ListVector) list).getDataVector();
      }
      listNulls = list.getNullCount() > 0;
      elementNulls = data.getNullCount() > 0;
      values.begin(data);
    }

    @Override
    void write(int from, int to) {
      for (int i = from; i < to; i++) {
        if (listNulls && list.isNull(i)) {
          writer.writeNull(0, 0);
          continue;
        }
        int start;
        int end;
        if (fixedSize >= 0) {
          start = i * fixedSize;
          end = start + fixedSize;
        } else if (list instanceof ListVector) {
          start = list.getOffsetBuffer().getInt((long) i * 4);
          end = list.getOffsetBuffer().getInt((long) i * 4 + 4);
        } else {
          start = (int) list.getOffsetBuffer().getLong((long) i * 8);
          end = (int) list.getOffsetBuffer().getLong((long) i * 8 + 8);
        }
        if (start == end) {
          writer.writeNull(0, 1);
        } else {
          values.write(writer, data, start, end, 0, 1, maxDef, elementNulls);
        }
      }
    }
  }
}
