package io.quiver.executor.source.parquet;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.schema.Type;

/**
 * Assembles a top-level list of primitives into an Arrow ListVector from one leaf column's repetition
 * and definition levels (repetition level 0 starts a row). With {@code listDef} the definition level
 * at which the list itself is present: a lower level is a NULL list, exactly {@code listDef} an empty
 * list, and anything higher one element, NULL unless the level is the column's maximum.
 */
final class ListColumnReader {
  private final LeafCopier elements;
  private final int listDef;
  private final int maxDef;
  private final long totalValues;
  private long consumed;

  ListColumnReader(LeafCopier elements, Type listField, ColumnDescriptor leaf, long totalValues) {
    this.elements = elements;
    this.listDef = listField.isRepetition(Type.Repetition.OPTIONAL) ? 1 : 0;
    this.maxDef = leaf.getMaxDefinitionLevel();
    this.totalValues = totalValues;
  }

  /** Reads the next {@code n} rows into {@code v} (already allocated for {@code n} rows). */
  void read(ColumnReader r, ListVector v, int n) {
    FieldVector data = v.getDataVector();
    elements.target(data);
    int element = 0;
    for (int i = 0; i < n; i++) {
      if (consumed >= totalValues) {
        throw new IllegalStateException("the list column has fewer values than the row group has rows");
      }
      if (r.getCurrentRepetitionLevel() != 0) {
        throw new IllegalStateException("a row starts with repetition level " + r.getCurrentRepetitionLevel());
      }
      int def = r.getCurrentDefinitionLevel();
      if (def < listDef) {
        consume(r); // a NULL list: its validity bit stays clear
        continue;
      }
      v.startNewValue(i);
      int count = 0;
      if (def == listDef) {
        consume(r);
      } else {
        do {
          if (r.getCurrentDefinitionLevel() == maxDef) {
            elements.copyOne(r, element + count);
          }
          count++;
          consume(r);
        } while (consumed < totalValues && r.getCurrentRepetitionLevel() > 0);
      }
      v.endValue(i, count);
      element += count;
    }
    data.setValueCount(element);
    v.setValueCount(n);
  }

  private void consume(ColumnReader r) {
    r.consume();
    consumed++;
  }
}
