package io.quiver.executor.udf;

import io.quiver.executor.ExecContext;
import io.quiver.executor.QuiverException;
import io.quiver.executor.runtime.PoolStats;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Computes one batch with a UDF instance, applying the function's {@code max_retries} and
 * {@code on_error}: the result vector (named and typed as the plan's output field), or null when the
 * batch is skipped. A failure names the function, the exception and the input file.
 */
public final class BatchRunner {
  private final UdfSpec spec;
  private final Field output;
  private final ExecContext ctx;
  private final PoolStats stats;

  public BatchRunner(UdfSpec spec, Field output, ExecContext ctx, PoolStats stats) {
    this.spec = spec;
    this.output = output;
    this.ctx = ctx;
    this.stats = stats;
  }

  /** @param origin where the rows came from (file path), or null */
  public FieldVector run(UdfInstance instance, List<FieldVector> args, int rows, String origin) {
    Throwable last = null;
    int attempts = spec.hints().maxRetries() + 1;
    for (int attempt = 0; attempt < attempts; attempt++) {
      ctx.checkCancelled();
      if (attempt > 0 && stats != null) {
        stats.retried();
      }
      long start = System.nanoTime();
      long cpuStart = ThreadCpu.now();
      try {
        FieldVector v = instance.apply(args);
        if (stats != null) {
          stats.call(System.nanoTime() - start, ThreadCpu.now() - cpuStart);
        }
        return checked(v, rows);
      } catch (QuiverException e) {
        throw e; // a contract violation (wrong row count or type): retrying will not help
      } catch (Exception | LinkageError | AssertionError e) {
        if (stats != null) {
          stats.call(System.nanoTime() - start, ThreadCpu.now() - cpuStart);
        }
        last = e;
      }
    }
    if (stats != null) {
      stats.failed();
    }
    switch (spec.hints().onError()) {
      case SKIP:
        return null;
      case NULL:
        FieldVector nulls = output.createVector(ctx.allocator());
        nulls.allocateNew();
        nulls.setValueCount(rows);
        return nulls;
      default:
        throw new QuiverException("Function " + spec.name() + " failed on input "
            + (origin == null ? "of unknown origin" : "from '" + origin + "'") + " (a batch of " + rows + " rows"
            + (attempts > 1 ? ", after " + attempts + " attempts" : "") + "): " + last
            + ". Use WITH (max_retries = n) to retry failing batches, or on_error = 'skip' / 'null' to go on.", last);
    }
  }

  private FieldVector checked(FieldVector v, int rows) {
    if (v == null) {
      throw new QuiverException("Function " + spec.name() + " returned null instead of a vector.");
    }
    if (v.getValueCount() != rows) {
      int got = v.getValueCount();
      v.close();
      throw new QuiverException("Function " + spec.name() + " returned " + got + " rows for a batch of " + rows
          + "; a batch function must return exactly one value per input row.");
    }
    ArrowType got = v.getField().getType();
    if (!got.equals(output.getType())) {
      v.close();
      throw new QuiverException("Function " + spec.name() + " returned a vector of type " + got
          + " but its declared return type is " + output.getType() + ".");
    }
    if (v.getField().getName().equals(output.getName()) && v.getField().isNullable() == output.isNullable()) {
      return v;
    }
    TransferPair tp = v.getTransferPair(output, ctx.allocator());
    tp.transfer();
    v.close();
    return (FieldVector) tp.getTo();
  }
}
