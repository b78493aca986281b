package io.quiver.executor.cluster.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.BatchStream;
import io.quiver.executor.QuiverException;
import io.quiver.executor.cluster.BlockId;
import io.quiver.executor.cluster.TaskRunner;
import io.quiver.executor.cluster.WorkerInfo;
import io.quiver.executor.cluster.WorkerLostException;
import io.quiver.executor.runtime.BlockStore;
import io.quiver.executor.vector.Batches;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code DoGet} of a block its task still writes: the fetcher gets the batches as they are appended,
 * waits for more, ends at the seal, and fails with the writer's error (a lost peer stays a lost worker).
 */
class OpenBlockDoGetTest {
  private static final Schema SCHEMA = new Schema(List.of(Field.nullable("x", new ArrowType.Int(64, true))));
  private static final BlockId BLOCK = new BlockId("q1", 1, 0, 0, 0);

  @TempDir Path dir;
  private RootAllocator root;
  private ExecutorService pool;
  private BlockStore blocks;
  private BufferAllocator tasks;
  private TaskRunner runner;
  private WorkerFlightServer server;
  private final ClusterSecret secret = ClusterSecret.generate();

  @BeforeEach
  void start() throws Exception {
    root = new RootAllocator();
    pool = Executors.newFixedThreadPool(2);
    blocks = new BlockStore(root, 1L << 30, dir.resolve("spill"));
    tasks = root.newChildAllocator("tasks", 0, Long.MAX_VALUE);
    runner = new TaskRunner(tasks, pool, blocks, (loc, a) -> {
      throw new IllegalStateException("no peers here");
    });
    server = WorkerFlightServer.start("w1", "127.0.0.1", 0, secret, WorkerServices.of(runner, blocks),
        dir.resolve("jars"), root);
  }

  @AfterEach
  void stop() {
    server.close();
    runner.close();
    blocks.close();
    tasks.close();
    pool.shutdownNow();
    root.close();
  }

  private VectorSchemaRoot batch(long from, int count) {
    VectorSchemaRoot b = Batches.empty(SCHEMA, tasks);
    b.allocateNew();
    for (int i = 0; i < count; i++) {
      ((BigIntVector) b.getVector(0)).setSafe(i, from + i);
    }
    b.setRowCount(count);
    return b;
  }

  /** First value of the next batch (closing it), or null at the end. */
  private static Long first(BatchStream s) {
    try (VectorSchemaRoot b = s.next()) {
      return b == null ? null : ((BigIntVector) b.getVector(0)).get(0);
    }
  }

  private RemoteWorkerClient client(BufferAllocator a) {
    return new RemoteWorkerClient(new WorkerInfo("w1", server.address(), 2, 0, 1L << 30, Map.of()), secret, a,
        new UdfJars());
  }

  @Test
  void aFetchStreamsAnOpenBlockAsItGrowsAndEndsAtTheSeal() throws Exception {
    blocks.create(BLOCK.ticket(), SCHEMA);
    blocks.append(BLOCK.ticket(), batch(0, 10));
    try (BufferAllocator a = root.newChildAllocator("client", 0, Long.MAX_VALUE);
        RemoteWorkerClient c = client(a);
        BatchStream s = c.fetch(BLOCK, a)) {
      assertEquals(0L, first(s));
      CompletableFuture<Long> next = CompletableFuture.supplyAsync(() -> first(s));
      Thread.sleep(300);
      assertFalse(next.isDone(), "the fetch waits for the task to write more");
      blocks.append(BLOCK.ticket(), batch(10, 10));
      assertEquals(10L, next.get(10, TimeUnit.SECONDS));
      CompletableFuture<Long> end = CompletableFuture.supplyAsync(() -> first(s));
      Thread.sleep(300);
      assertFalse(end.isDone(), "not ended before the seal");
      blocks.seal(BLOCK.ticket());
      assertNull(end.get(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void aFetchFailsWithTheWritersErrorAndALostPeerStaysALostWorker() throws Exception {
    blocks.create(BLOCK.ticket(), SCHEMA);
    blocks.append(BLOCK.ticket(), batch(0, 10));
    BlockId other = new BlockId("q1", 1, 1, 0, 0);
    blocks.create(other.ticket(), SCHEMA);
    try (BufferAllocator a = root.newChildAllocator("client", 0, Long.MAX_VALUE);
        RemoteWorkerClient c = client(a)) {
      try (BatchStream s = c.fetch(BLOCK, a)) {
        assertEquals(0L, first(s));
        CompletableFuture<Long> next = CompletableFuture.supplyAsync(() -> first(s));
        Thread.sleep(300);
        assertFalse(next.isDone());
        blocks.fail(BLOCK.ticket(), new QuiverException("UDF 'boom' failed on row 11."));
        ExecutionException e = assertThrows(ExecutionException.class, () -> next.get(10, TimeUnit.SECONDS));
        assertInstanceOf(QuiverException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("UDF 'boom' failed"), e.getCause().getMessage());
      }
      try (BatchStream s = c.fetch(other, a)) {
        CompletableFuture<Long> next = CompletableFuture.supplyAsync(() -> first(s));
        Thread.sleep(300);
        assertFalse(next.isDone());
        blocks.fail(other.ticket(), new WorkerLostException("w9", new IllegalStateException("killed")));
        ExecutionException e = assertThrows(ExecutionException.class, () -> next.get(10, TimeUnit.SECONDS));
        WorkerLostException lost = assertInstanceOf(WorkerLostException.class, e.getCause());
        assertEquals("w9", lost.workerId());
      }
    }
  }
}
