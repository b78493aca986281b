package io.quiver.executor.source.range;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.QuiverException;
import io.quiver.executor.source.ScanSpec;
import io.quiver.executor.source.SourceArgs;
import io.quiver.executor.source.SourceSplit;
import io.quiver.executor.source.TableSource;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * {@code range}: one BIGINT column {@code id}, like DuckDB's {@code range} table function.
 *
 * <ul>
 *   <li>{@code range(n)}: 0, 1, ..., n-1. The planner passes a single positional argument as
 *       {@code start}; when {@code start} is the only argument it is the count.
 *   <li>{@code range(start, stop)}: start, start+1, ..., stop-1.
 *   <li>{@code range(start, stop, step)}: start, start+step, ... while below {@code stop} (above it for a
 *       negative step); {@code step} must not be 0. An empty range gives no rows.
 * </ul>
 *
 * <p>Splits are runs of whole batches ({@code ctx.batchSize()} rows each); a row limit hint shortens
 * the range, since its first rows are always the same.
 */
public final class RangeSource implements TableSource {
  public static final String NAME = "range";
  /** Upper bound on the number of splits, so a huge range does not make millions of split objects. */
  static final int MAX_SPLITS = 4096;

  private static final Schema SCHEMA =
      new Schema(List.of(new Field("id", FieldType.nullable(new ArrowType.Int(64, true)), null)));

  private final long start;
  private final long step;
  private final long count;

  /** One run of the range: rows {@code [first, first + rows)} by ordinal. */
  record RangeSplit(long start, long step, long first, long rows) implements SourceSplit {
    @Override
    public String description() {
      return "range rows " + first + ".." + (first + rows - 1);
    }

    @Override
    public long sizeEstimate() {
      return rows;
    }
  }

  public RangeSource(Map<String, Object> arguments) {
    SourceArgs args = new SourceArgs(NAME, arguments, Set.of("start", "stop", "step"));
    Long a = args.integer("start");
    Long b = args.integer("stop");
    Long s = args.integer("step");
    if (a == null && b == null) {
      throw new QuiverException("range: give a count, range(n), or bounds, range(start, stop[, step]).");
    }
    if (b == null) {
      if (s != null) {
        throw new QuiverException("range: a step needs both start and stop, as in range(start, stop, step).");
      }
      this.start = 0;
      this.step = 1;
      this.count = Math.max(0, a);
    } else {
      this.start = a == null ? 0 : a;
      this.step = s == null ? 1 : s;
      if (step == 0) {
        throw new QuiverException("range: the step must not be 0.");
      }
      this.count = count(start, b, step);
    }
  }

  /** Number of values start + k*step strictly before stop, computed without overflow. */
  static long count(long start, long stop, long step) {
    if (step > 0 ? start >= stop : start <= stop) {
      return 0;
    }
    BigInteger span = BigInteger.valueOf(stop).subtract(BigInteger.valueOf(start)).abs();
    BigInteger stride = BigInteger.valueOf(step).abs();
    BigInteger n = span.add(stride).subtract(BigInteger.ONE).divide(stride);
    return n.bitLength() < 63 ? n.longValue() : Long.MAX_VALUE;
  }

  private static long ceilDiv(long a, long b) {
    return a / b + (a % b == 0 ? 0 : 1);
  }

  /** How many rows this range produces. */
  public long rowCount() {
    return count;
  }

  @Override
  public Schema schema() {
    return SCHEMA;
  }

  @Override
  public List<SourceSplit> splits(ScanSpec spec, ExecContext ctx) {
    long total = spec.limit() >= 0 ? Math.min(count, spec.limit()) : count;
    long batch = Math.max(1, ctx.batchSize());
    long batches = ceilDiv(total, batch); // no overflow near Long.MAX_VALUE rows
    long perSplit = batch * Math.max(1, ceilDiv(batches, MAX_SPLITS));
    long count = ceilDiv(total, perSplit);
    List<SourceSplit> splits = new ArrayList<>((int) count);
    for (long i = 0; i < count; i++) {
      long first = i * perSplit;
      splits.add(new RangeSplit(start, step, first, Math.min(perSplit, total - first)));
    }
    return splits;
  }

  @Override
  public BatchStream open(SourceSplit split, ScanSpec spec, ExecContext ctx) {
    return new RangeStream((RangeSplit) split, spec.projectedSchema(SCHEMA), ctx);
  }
}
