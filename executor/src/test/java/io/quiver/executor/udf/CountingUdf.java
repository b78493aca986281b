package io.quiver.executor.udf;

import io.quiver.udf.BatchFunction;
import io.quiver.udf.FunctionContext;
import io.quiver.udf.QuiverFunction;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;

/**
 * A test UDF that doubles an INT column and counts what the engine does with it: opens, calls, calls
 * running at once. Options: {@code sleep_ms} per call, {@code fail_on} a value that makes the call
 * throw, {@code flaky} to fail every first attempt of a batch.
 */
@QuiverFunction(name = "counting", returnType = "INT")
public class CountingUdf implements BatchFunction {
  static final AtomicInteger OPENS = new AtomicInteger();
  static final AtomicInteger CLOSES = new AtomicInteger();
  static final AtomicInteger CALLS = new AtomicInteger();
  static final AtomicInteger RUNNING = new AtomicInteger();
  static final AtomicInteger MAX_RUNNING = new AtomicInteger();
  static final Set<Integer> ACTORS = ConcurrentHashMap.newKeySet();

  private int sleepMs;
  private Integer failOn;
  private boolean flaky;
  private boolean failedThisBatch;

  static void reset() {
    OPENS.set(0);
    CLOSES.set(0);
    CALLS.set(0);
    RUNNING.set(0);
    MAX_RUNNING.set(0);
    ACTORS.clear();
  }

  @Override
  public void open(FunctionContext context) {
    OPENS.incrementAndGet();
    ACTORS.add(context.actorIndex());
    sleepMs = Integer.parseInt(context.option("sleep_ms", "0"));
    String f = context.option("fail_on", null);
    failOn = f == null ? null : Integer.valueOf(f);
    flaky = Boolean.parseBoolean(context.option("flaky", "false"));
  }

  @Override
  public FieldVector apply(List<FieldVector> arguments, FunctionContext context) throws Exception {
    CALLS.incrementAndGet();
    MAX_RUNNING.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
    try {
      if (sleepMs > 0) {
        Thread.sleep(sleepMs);
      }
      if (flaky && !failedThisBatch) {
        failedThisBatch = true;
        throw new IllegalStateException("flaky failure");
      }
      failedThisBatch = false;
      IntVector in = (IntVector) arguments.get(0);
      IntVector out = new IntVector("out", context.allocator());
      out.allocateNew(in.getValueCount());
      for (int i = 0; i < in.getValueCount(); i++) {
        if (failOn != null && in.get(i) == failOn) {
          out.close();
          throw new IllegalArgumentException("cannot handle " + failOn);
        }
        out.set(i, in.get(i) * 2);
      }
      out.setValueCount(in.getValueCount());
      return out;
    } finally {
      RUNNING.decrementAndGet();
    }
  }

  @Override
  public void close() {
    CLOSES.incrementAndGet();
  }
}
