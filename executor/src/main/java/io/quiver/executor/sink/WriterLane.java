package io.quiver.executor.sink;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One writing thread of a COPY: takes partition parts from a small bounded queue and writes each into
 * its folder's {@link RollingFileWriter}, so encoding and compression of different lanes run in
 * parallel. After a failure it keeps draining (closing batches) until the end marker, so the feeding
 * thread never blocks on it; the failure is reported by {@link #failure()}.
 */
final class WriterLane implements Runnable {
  private static final Object END = new Object();
  private static final int QUEUE_CAPACITY = 2;

  private final CopyTransaction tx;
  private final CopySpec spec;
  private final Schema schema;
  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final Map<String, RollingFileWriter> writers = new HashMap<>();
  private volatile Throwable failure;

  WriterLane(CopyTransaction tx, CopySpec spec, Schema schema) {
    this.tx = tx;
    this.spec = spec;
    this.schema = schema;
  }

  /** Queues a part, waiting up to {@code millis}; false if the queue stayed full. */
  boolean offer(HivePartitions.Part part, long millis) throws InterruptedException {
    return queue.offer(part, millis, TimeUnit.MILLISECONDS);
  }

  /** Parts waiting in the queue. */
  int backlog() {
    return queue.size();
  }

  /** Tells the lane that no more parts come (after those queued). */
  void end() throws InterruptedException {
    queue.put(END);
  }

  Throwable failure() {
    return failure;
  }

  @Override
  public void run() {
    try {
      while (true) {
        Object o = queue.take();
        if (o == END) {
          break;
        }
        HivePartitions.Part part = (HivePartitions.Part) o;
        try (VectorSchemaRoot batch = part.batch()) {
          if (failure == null) {
            writers.computeIfAbsent(part.folder(), f -> new RollingFileWriter(tx, spec, f, schema)).write(batch);
          }
        } catch (Throwable t) {
          fail(t);
        }
      }
      if (failure == null) {
        for (RollingFileWriter w : writers.values()) {
          w.finish(false);
        }
      }
    } catch (Throwable t) {
      fail(t);
    } finally {
      if (failure != null) {
        writers.values().forEach(RollingFileWriter::release);
      }
    }
  }

  /** Makes the lane drop what it has and what still comes (the COPY failed elsewhere). */
  void cancel() {
    fail(new IllegalStateException("COPY cancelled"));
  }

  private synchronized void fail(Throwable t) {
    if (failure == null) {
      failure = t;
    }
  }

  /** Closes parts still queued (after the lane stopped, e.g. on interrupt). */
  void drain() {
    Object o;
    while ((o = queue.poll()) != null) {
      if (o instanceof HivePartitions.Part p) {
        p.batch().close();
      }
    }
  }
}
