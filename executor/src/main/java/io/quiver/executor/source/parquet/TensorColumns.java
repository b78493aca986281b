package io.quiver.executor.source.parquet;

import io.quiver.executor.QuiverException;
import io.quiver.udf.tensor.FixedShapeTensorType;
import io.quiver.udf.tensor.TensorElements;
import java.util.HashMap;
import java.util.Map;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Tensor columns in Parquet files written by COPY: their file metadata entry {@code quiver.tensor}
 * ({@code {"image":{"element_type":"UINT8","shape":[28,28]}}}) names each tensor column with its element
 * type and shape; the column itself is a plain LIST (what DuckDB and Spark read), which
 * {@link #toTensor} turns back into a fixed-shape tensor.
 */
final class TensorColumns {
  /** The metadata key; the same as the writer's {@code ParquetSchemaMapper.TENSOR_METADATA_KEY}. */
  static final String METADATA_KEY = "quiver.tensor";

  private TensorColumns() {}

  /** The tensor types by column name declared in a file's key-value metadata (empty when none or unreadable). */
  static Map<String, FixedShapeTensorType> declared(Map<String, String> keyValueMetadata) {
    Map<String, FixedShapeTensorType> out = new HashMap<>();
    String json = keyValueMetadata == null ? null : keyValueMetadata.get(METADATA_KEY);
    if (json == null) {
      return out;
    }
    try {
      int i = json.indexOf('"');
      while (i >= 0) {
        int nameEnd = json.indexOf('"', i + 1);
        String name = json.substring(i + 1, nameEnd);
        int objEnd = json.indexOf('}', nameEnd);
        String obj = json.substring(nameEnd, objEnd);
        int et = obj.indexOf("\"element_type\"");
        int q1 = obj.indexOf('"', obj.indexOf(':', et) + 1);
        String element = obj.substring(q1 + 1, obj.indexOf('"', q1 + 1));
        int sh = obj.indexOf('[', obj.indexOf("\"shape\""));
        String dims = obj.substring(sh + 1, obj.indexOf(']', sh));
        out.put(name, FixedShapeTensorType.parse("TENSOR<" + element + ">[" + dims + "]"));
        i = json.indexOf('"', objEnd);
      }
    } catch (RuntimeException e) {
      return new HashMap<>(); // metadata we cannot read: the columns stay plain lists
    }
    return out;
  }

  /** The tensor field for a LIST column {@code list} declared as {@code type}, or null if they do not fit. */
  static Field tensorField(Field list, FixedShapeTensorType type) {
    ArrowType stored = list.getChildren().get(0).getType();
    boolean numeric = stored instanceof ArrowType.Int || stored instanceof ArrowType.FloatingPoint
        || stored instanceof ArrowType.Bool;
    return numeric ? type.field(list.getName(), true) : null;
  }

  /**
   * Copies {@code n} rows of {@code list} into the tensor storage {@code out} (allocated here), converting
   * element values to the tensor's element type; a NULL list is a NULL tensor.
   */
  static void toTensor(ListVector list, FixedSizeListVector out, FixedShapeTensorType type, int n, String file,
      String column) {
    int size = type.size();
    out.setInitialCapacity(n);
    out.allocateNew();
    FieldVector src = list.getDataVector();
    FieldVector dst = out.getDataVector();
    dst.setInitialCapacity(n * size);
    dst.allocateNew();
    for (int row = 0; row < n; row++) {
      if (list.isNull(row)) {
        out.setNull(row);
        continue;
      }
      int start = list.getElementStartIndex(row);
      int count = list.getElementEndIndex(row) - start;
      if (count != size) {
        throw new QuiverException("read_parquet: '" + file + "': column '" + column + "' is a "
            + type.sqlName() + " in the file's metadata, but row " + row + " of a batch has " + count
            + " elements instead of " + size + ".");
      }
      out.setNotNull(row);
      copy(src, start, dst, row * size, size);
    }
    dst.setValueCount(n * size);
    out.setValueCount(n);
  }

  private static void copy(FieldVector src, int from, FieldVector dst, int to, int count) {
    if (dst instanceof BaseIntVector d && src instanceof BaseIntVector s) {
      for (int k = 0; k < count; k++) {
        d.setWithPossibleTruncate(to + k, s.getValueAsLong(from + k));
      }
    } else if (dst instanceof Float4Vector d) {
      for (int k = 0; k < count; k++) {
        d.set(to + k, (float) number(src, from + k));
      }
    } else if (dst instanceof Float8Vector d) {
      for (int k = 0; k < count; k++) {
        d.set(to + k, number(src, from + k));
      }
    } else if (dst instanceof BitVector d && src instanceof BitVector s) {
      for (int k = 0; k < count; k++) {
        d.set(to + k, s.get(from + k));
      }
    } else {
      throw new QuiverException("read_parquet: cannot read " + src.getField().getType() + " elements as a "
          + TensorElements.sqlName(dst.getField().getType()) + " tensor.");
    }
  }

  private static double number(FieldVector v, int i) {
    if (v instanceof Float4Vector f) {
      return f.get(i);
    }
    if (v instanceof Float8Vector f) {
      return f.get(i);
    }
    return ((BaseIntVector) v).getValueAsLong(i);
  }
}
