package io.quiver.executor.operator;

import io.quiver.executor.BatchStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * UNION ALL: the batches of each input in turn, in input order, each input closed as soon as it is
 * drained. Columns are renamed to the union's schema by zero-copy transfer.
 */
public final class UnionOperator implements BatchStream {
  private final List<BatchStream> inputs;
  private final Schema schema;
  private int current;

  public UnionOperator(List<BatchStream> inputs, Schema schema) {
    this.inputs = List.copyOf(inputs);
    this.schema = schema;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    while (current < inputs.size()) {
      VectorSchemaRoot batch = inputs.get(current).next();
      if (batch != null) {
        return renamed(batch);
      }
      inputs.get(current++).close();
    }
    return null;
  }

  private VectorSchemaRoot renamed(VectorSchemaRoot batch) {
    List<Field> fields = schema.getFields();
    if (batch.getSchema().getFields().equals(fields)) {
      return batch;
    }
    List<FieldVector> vectors = new ArrayList<>(fields.size());
    try (batch) {
      for (int c = 0; c < fields.size(); c++) {
        FieldVector v = batch.getVector(c);
        var transfer = v.getTransferPair(fields.get(c).getName(), v.getAllocator());
        transfer.transfer();
        vectors.add((FieldVector) transfer.getTo());
      }
      return new VectorSchemaRoot(fields, vectors, batch.getRowCount());
    }
  }

  @Override
  public void close() {
    for (; current < inputs.size(); current++) {
      inputs.get(current).close();
    }
  }
}
