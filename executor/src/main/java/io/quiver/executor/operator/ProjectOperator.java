package io.quiver.executor.operator;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.expr.CompiledExpr;
import io.quiver.executor.expr.Expr;
import io.quiver.executor.expr.ExprCompiler;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Computes one output column per expression and names it after the given schema. Column references
 * come out as zero-copy slices of the input; every output vector carries its schema field (so a tensor
 * column keeps its extension type).
 */
public final class ProjectOperator implements BatchStream {
  private final BatchStream input;
  private final List<CompiledExpr> exprs = new ArrayList<>();
  private final Schema schema;
  private final ExecContext ctx;

  public ProjectOperator(BatchStream input, List<Expr> exprs, Schema schema, ExecContext ctx, long partitionSeed) {
    if (exprs.size() != schema.getFields().size()) {
      throw new IllegalArgumentException("project has " + exprs.size() + " expressions but schema "
          + schema + " has " + schema.getFields().size() + " fields");
    }
    this.input = input;
    for (Expr e : exprs) {
      this.exprs.add(ExprCompiler.compile(e, ctx, partitionSeed));
    }
    this.schema = schema;
    this.ctx = ctx;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    VectorSchemaRoot batch = input.next();
    if (batch == null) {
      return null;
    }
    int n = batch.getRowCount();
    List<FieldVector> out = new ArrayList<>(exprs.size());
    try {
      for (int i = 0; i < exprs.size(); i++) {
        out.add(named(exprs.get(i).evaluate(batch), schema.getFields().get(i), n));
      }
    } catch (RuntimeException e) {
      out.forEach(FieldVector::close);
      throw e;
    } finally {
      batch.close();
    }
    List<Field> fields = new ArrayList<>(out.size());
    for (FieldVector v : out) {
      fields.add(v.getField());
    }
    return new VectorSchemaRoot(fields, out, n);
  }

  /** {@code v} carrying {@code field} (name, nullability, metadata); ownership moves to the result. */
  private FieldVector named(FieldVector v, Field field, int n) {
    if (v.getField().equals(field)) {
      return v;
    }
    try {
      if (v instanceof NullVector) {
        return new NullVector(field, n);
      }
      // Same type: move the buffers into a vector built from the schema's field. Otherwise (a planner
      // type the kernel did not produce exactly) keep the vector's type and only rename it.
      TransferPair tp = v.getField().getType().equals(field.getType())
          ? v.getTransferPair(field, ctx.allocator())
          : v.getTransferPair(field.getName(), ctx.allocator());
      tp.transfer();
      return (FieldVector) tp.getTo();
    } finally {
      v.close();
    }
  }

  /** A batch out per batch in (some maybe empty): the input's estimate. */
  @Override
  public long batchesAhead() {
    return input.batchesAhead();
  }

  @Override
  public void close() {
    input.close();
  }
}
