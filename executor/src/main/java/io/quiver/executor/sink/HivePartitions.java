package io.quiver.executor.sink;

import io.quiver.executor.QuiverException;
import io.quiver.executor.vector.Batches;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Hive-style partitioning: each row goes to the folder {@code col=value/...} of its partition column
 * values (in PARTITION_BY order), and the partition columns are left out of the files, as Spark and
 * DuckDB do. Values are written as text (dates {@code 2024-01-31}), with the characters Spark escapes
 * ({@code / \ : = ? * " ' [ ] { } # %}, control characters) percent-encoded; NULL is
 * {@code __HIVE_DEFAULT_PARTITION__}.
 */
final class HivePartitions {
  /** The folder name Hive, Spark and DuckDB read as NULL. */
  static final String NULL_VALUE = "__HIVE_DEFAULT_PARTITION__";

  private static final String ESCAPED = "\"#%'*/:=?\\[]{}^";

  /** Rows of one partition: its folder (ending in '/', or "" without partitions) and its data columns. */
  record Part(String folder, VectorSchemaRoot batch) {}

  private final int[] partitionColumns;
  private final String[] partitionNames;
  private final int[] dataColumns;
  private final Schema dataSchema;

  HivePartitions(Schema schema, List<String> partitionBy) {
    List<Field> fields = schema.getFields();
    partitionColumns = new int[partitionBy.size()];
    partitionNames = new String[partitionBy.size()];
    boolean[] isPartition = new boolean[fields.size()];
    for (int p = 0; p < partitionBy.size(); p++) {
      int found = -1;
      for (int c = 0; c < fields.size() && found < 0; c++) {
        if (fields.get(c).getName().equalsIgnoreCase(partitionBy.get(p))) {
          found = c;
        }
      }
      if (found < 0) {
        throw new QuiverException("COPY: PARTITION_BY column '" + partitionBy.get(p)
            + "' is not a column of the query; its columns are " + names(fields) + ".");
      }
      partitionColumns[p] = found;
      partitionNames[p] = fields.get(found).getName();
      isPartition[found] = true;
    }
    List<Field> data = new ArrayList<>();
    dataColumns = new int[fields.size() - countTrue(isPartition)];
    for (int c = 0, k = 0; c < fields.size(); c++) {
      if (!isPartition[c]) {
        dataColumns[k++] = c;
        data.add(fields.get(c));
      }
    }
    if (partitionBy.size() > 0 && data.isEmpty()) {
      throw new QuiverException("COPY: every column is a PARTITION_BY column, so the files would have no "
          + "columns; keep at least one column out of PARTITION_BY.");
    }
    dataSchema = new Schema(data);
  }

  /** The columns written into the files. */
  Schema dataSchema() {
    return dataSchema;
  }

  /**
   * Splits {@code batch} (which this call closes) into one part per partition folder, in order of first
   * appearance; the parts belong to the caller.
   */
  List<Part> split(VectorSchemaRoot batch, BufferAllocator allocator) {
    try (batch) {
      int n = batch.getRowCount();
      if (partitionColumns.length == 0) {
        return List.of(new Part("", dataColumns(batch, allocator)));
      }
      Map<String, Rows> rows = new LinkedHashMap<>();
      StringBuilder key = new StringBuilder();
      Rows last = null;
      for (int r = 0; r < n; r++) {
        key.setLength(0);
        folder(key, batch, r);
        if (last == null || !last.folder.contentEquals(key)) {
          last = rows.computeIfAbsent(key.toString(), Rows::new);
        }
        last.add(r);
      }
      List<Part> parts = new ArrayList<>(rows.size());
      if (rows.size() == 1) {
        parts.add(new Part(rows.keySet().iterator().next(), dataColumns(batch, allocator)));
        return parts;
      }
      VectorSchemaRoot view = dataView(batch);
      try {
        for (Rows part : rows.values()) {
          parts.add(new Part(part.folder, Batches.take(view, part.indexes, part.count, allocator)));
        }
      } catch (RuntimeException | Error e) {
        parts.forEach(p -> p.batch().close());
        throw e;
      }
      return parts;
    }
  }

  /** The rows of one partition folder within a batch. */
  private static final class Rows {
    final String folder;
    int[] indexes = new int[16];
    int count;

    Rows(String folder) {
      this.folder = folder;
    }

    void add(int row) {
      if (count == indexes.length) {
        indexes = java.util.Arrays.copyOf(indexes, count * 2);
      }
      indexes[count++] = row;
    }
  }

  private void folder(StringBuilder sb, VectorSchemaRoot batch, int row) {
    for (int p = 0; p < partitionColumns.length; p++) {
      sb.append(escape(partitionNames[p])).append('=');
      FieldVector v = batch.getVector(partitionColumns[p]);
      if (v.isNull(row)) {
        sb.append(NULL_VALUE);
      } else {
        StringBuilder value = new StringBuilder();
        TextValues.append(value, v, row, false);
        sb.append(escape(value.toString()));
      }
      sb.append('/');
    }
  }

  /** The data columns of {@code batch} moved into a new batch (the old one keeps empty vectors). */
  private VectorSchemaRoot dataColumns(VectorSchemaRoot batch, BufferAllocator allocator) {
    List<FieldVector> moved = new ArrayList<>(dataColumns.length);
    for (int c : dataColumns) {
      TransferPair tp = batch.getVector(c).getTransferPair(allocator);
      tp.transfer();
      moved.add((FieldVector) tp.getTo());
    }
    return new VectorSchemaRoot(dataSchema.getFields(), moved, batch.getRowCount());
  }

  /** The data columns of {@code batch} as a batch sharing its vectors (not to be closed). */
  private VectorSchemaRoot dataView(VectorSchemaRoot batch) {
    List<FieldVector> vectors = new ArrayList<>(dataColumns.length);
    for (int c : dataColumns) {
      vectors.add(batch.getVector(c));
    }
    return new VectorSchemaRoot(dataSchema.getFields(), vectors, batch.getRowCount());
  }

  /** Percent-encodes the characters that cannot appear in a partition folder name. */
  static String escape(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean bad = c < 0x20 || c == 0x7F || ESCAPED.indexOf(c) >= 0;
      if (bad && sb == null) {
        sb = new StringBuilder(s.length() + 8).append(s, 0, i);
      }
      if (sb != null) {
        if (bad) {
          sb.append('%').append(String.format(Locale.ROOT, "%02X", (int) c));
        } else {
          sb.append(c);
        }
      }
    }
    return sb == null ? s : sb.toString();
  }

  private static int countTrue(boolean[] b) {
    int n = 0;
    for (boolean x : b) {
      n += x ? 1 : 0;
    }
    return n;
  }

  private static String names(List<Field> fields) {
    List<String> names = new ArrayList<>();
    for (Field f : fields) {
      names.add(f.getName());
    }
    return String.join(", ", names);
  }
}
