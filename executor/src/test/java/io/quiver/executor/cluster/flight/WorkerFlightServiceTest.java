package io.quiver.executor.cluster.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.BatchStream;
import io.quiver.executor.QuiverException;
import io.quiver.executor.cluster.BlockId;
import io.quiver.executor.cluster.BlockLocation;
import io.quiver.executor.cluster.Partitioning;
import io.quiver.executor.cluster.TaskResult;
import io.quiver.executor.cluster.TaskSpec;
import io.quiver.executor.cluster.WorkerInfo;
import io.quiver.executor.cluster.TaskRunner;
import io.quiver.executor.cluster.WorkerLostException;
import io.quiver.executor.runtime.BlockStore;
import io.quiver.executor.plan.PhysicalNode;
import io.quiver.executor.plan.UdfNode;
import io.quiver.executor.plan.ValuesNode;
import io.quiver.executor.udf.UdfHints;
import io.quiver.executor.udf.UdfSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

/** A worker's Flight service and the client, in one JVM (the cross-process tests live in the server module). */
class WorkerFlightServiceTest {
  private static final ArrowType I64 = new ArrowType.Int(64, true);
  private static final Schema SCHEMA = new Schema(List.of(Field.nullable("x", I64)));

  @TempDir Path dir;
  private RootAllocator root;
  private ExecutorService pool;
  private BlockStore blocks;
  private TaskRunner runner;
  private WorkerFlightServer server;
  private final ClusterSecret secret = ClusterSecret.generate();
  private final UdfJars jars = new UdfJars();

  @BeforeEach
  void start() throws Exception {
    root = new RootAllocator();
    pool = Executors.newFixedThreadPool(2);
    blocks = new BlockStore(root, 1L << 30, dir.resolve("spill"));
    BufferAllocator tasks = root.newChildAllocator("tasks", 0, Long.MAX_VALUE);
    runner = new TaskRunner(tasks, pool, blocks, (loc, a) -> {
      throw new IllegalStateException("no peers here");
    });
    server = WorkerFlightServer.start("w1", "127.0.0.1", 0, secret, WorkerServices.of(runner, blocks),
        dir.resolve("jars"), root);
    closeLater = tasks;
  }

  private BufferAllocator closeLater;

  @AfterEach
  void stop() {
    server.close();
    runner.close();
    blocks.close();
    closeLater.close();
    pool.shutdownNow();
    root.close();
  }

  private WorkerInfo info() {
    return new WorkerInfo("w1", server.address(), 2, 0, 1L << 30, Map.of());
  }

  private static TaskSpec task(PhysicalNode fragment, Partitioning output) {
    return new TaskSpec("q1", 1, 0, 1, 0, fragment, output, Map.of(), Map.of());
  }

  private static ValuesNode values(long... xs) {
    List<List<Object>> rows = new ArrayList<>();
    for (long x : xs) {
      rows.add(List.of(x));
    }
    return new ValuesNode(SCHEMA, rows);
  }

  @Test
  void runsATaskAndServesItsBlock() throws Exception {
    try (BufferAllocator a = root.newChildAllocator("client", 0, Long.MAX_VALUE);
        RemoteWorkerClient c = new RemoteWorkerClient(info(), secret, a, jars)) {
      TaskResult r = c.submit(task(values(1, 2, 3), Partitioning.single())).get(10, TimeUnit.SECONDS);
      assertEquals(3, r.rowsPerPartition()[0]);
      assertEquals("w1", c.ping(java.time.Duration.ofSeconds(5)));
      long sum = 0;
      int rows = 0;
      try (BatchStream s = c.fetch(new BlockId("q1", 1, 0, 0, 0), a)) {
        assertEquals(SCHEMA, s.schema());
        VectorSchemaRoot b;
        while ((b = s.next()) != null) {
          try (VectorSchemaRoot batch = b) {
            BigIntVector v = (BigIntVector) batch.getVector(0);
            for (int i = 0; i < batch.getRowCount(); i++) {
              sum += v.get(i);
            }
            rows += b.getRowCount();
          }
        }
      }
      assertEquals(3, rows);
      assertEquals(6, sum);
      c.release("q1");
      assertEquals(List.of(), blocks.keys());
    }
  }

  @Test
  void hashOutputIsCutAndMissingBlocksAreQuiverExceptions() throws Exception {
    try (BufferAllocator a = root.newChildAllocator("client", 0, Long.MAX_VALUE);
        RemoteWorkerClient c = new RemoteWorkerClient(info(), secret, a, jars)) {
      TaskResult r = c.submit(task(values(1, 2, 3, 4, 5, 6), Partitioning.hash(new int[] {0}, 2)))
          .get(10, TimeUnit.SECONDS);
      assertEquals(2, r.rowsPerPartition().length);
      assertEquals(6, r.rowsPerPartition()[0] + r.rowsPerPartition()[1]);
      assertTrue(blocks.contains(new BlockId("q1", 1, 0, 0, 1).ticket()));
      c.release("q1");
      QuiverException missing = assertThrows(QuiverException.class, () -> {
        try (BatchStream s = c.fetch(new BlockId("nope", 1, 0, 0, 0), a)) {
          s.next();
        }
      });
      assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }
  }

  @Test
  void peersFetchBlocksFromTheirOwnStoreAndOverFlight() throws Exception {
    try (BufferAllocator a = root.newChildAllocator("client", 0, Long.MAX_VALUE);
        RemoteWorkerClient c = new RemoteWorkerClient(info(), secret, a, jars)) {
      c.submit(task(values(4, 5), Partitioning.single())).get(10, TimeUnit.SECONDS);
      BlockLocation onW1 = new BlockLocation("w1", new BlockId("q1", 1, 0, 0, 0));
      try (PeerBlockFetcher own = new PeerBlockFetcher("w1", blocks, Map::of, secret, a);
          PeerBlockFetcher peer = new PeerBlockFetcher("w2", blocks, () -> Map.of("w1", info()), secret, a);
          PeerBlockFetcher stranger = new PeerBlockFetcher("w2", blocks, Map::of, secret, a)) {
        assertEquals(2, rows(own.fetch(onW1, a)));
        assertEquals(2, rows(peer.fetch(onW1, a)));
        // A peer the coordinator does not list is lost, after the retries.
        WorkerLostException e = assertThrows(WorkerLostException.class, () -> stranger.fetch(onW1, a));
        assertEquals("w1", e.workerId());
      }
      c.release("q1");
    }
  }

  @Test
  void aBlockFetchedInStripesComesInOrderEachBatchOnce() {
    // 10 batches of 3 rows (x = 0..29) with empty batches among them, which no stripe sends.
    List<VectorSchemaRoot> batches = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      batches.add(batch(3 * i, 3));
      if (i % 4 == 1) {
        batches.add(batch(0, 0));
      }
    }
    BlockId id = new BlockId("q1", 1, 0, 0, 0);
    blocks.put(id.ticket(), SCHEMA, batches);
    for (BlockTransfer t : List.of(new BlockTransfer(1, 1), new BlockTransfer(3, 1), new BlockTransfer(3, 2),
        new BlockTransfer(16, 2))) {
      try (BufferAllocator a = root.newChildAllocator("client", 0, Long.MAX_VALUE);
          RemoteWorkerClient c = new RemoteWorkerClient(info(), secret, a, jars, t)) {
        List<Long> xs = new ArrayList<>();
        try (BatchStream s = c.fetch(id, a)) {
          assertEquals(SCHEMA, s.schema());
          VectorSchemaRoot b;
          while ((b = s.next()) != null) {
            try (VectorSchemaRoot batch = b) {
              for (int r = 0; r < batch.getRowCount(); r++) {
                xs.add(((BigIntVector) batch.getVector(0)).get(r));
              }
            }
          }
        }
        List<Long> expected = new ArrayList<>();
        for (long x = 0; x < 30; x++) {
          expected.add(x);
        }
        assertEquals(expected, xs, "transfer " + t);
        // A missing block fails a striped fetch as it fails a plain one.
        assertThrows(QuiverException.class, () -> rows(c.fetch(new BlockId("q1", 9, 0, 0, 0), a)));
      }
    }
    blocks.dropPrefix("q1/");
  }

  private VectorSchemaRoot batch(long from, int rows) {
    VectorSchemaRoot b = VectorSchemaRoot.create(SCHEMA, blocks.allocator());
    BigIntVector x = (BigIntVector) b.getVector(0);
    x.allocateNew(Math.max(rows, 1));
    for (int i = 0; i < rows; i++) {
      x.set(i, from + i);
    }
    b.setRowCount(rows);
    return b;
  }

  private static long rows(BatchStream s) {
    long n = 0;
    try (s) {
      VectorSchemaRoot b;
      while ((b = s.next()) != null) {
        n += b.getRowCount();
        b.close();
      }
    }
    return n;
  }

  @Test
  void aWrongSecretIsRefused() {
    try (BufferAllocator a = root.newChildAllocator("client", 0, Long.MAX_VALUE);
        RemoteWorkerClient c = new RemoteWorkerClient(info(), ClusterSecret.of("not-the-secret"), a, jars)) {
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> c.submit(task(values(1), Partitioning.single())).get(10, TimeUnit.SECONDS));
      assertInstanceOf(QuiverException.class, e.getCause());
      assertTrue(e.getCause().getMessage().contains("cluster secret"), e.getCause().getMessage());
      assertThrows(QuiverException.class, () -> {
        try (BatchStream s = c.fetch(new BlockId("q1", 1, 0, 0, 0), a)) {
          s.next();
        }
      });
    }
  }

  @Test
  void udfJarsTravelByContentHashOnce() throws Exception {
    Path jar = dir.resolve("my-udfs.jar");
    Files.write(jar, new byte[] {'P', 'K', 1, 2, 3});
    UdfSpec spec = new UdfSpec("f", "com.example.F", jar.toString(), UdfSpec.Kind.BATCH, Map.of(),
        new UdfHints(0, 0, 0, 1, 0, 0, Map.of(), 0, UdfHints.OnError.FAIL));
    PhysicalNode fragment = UdfNode.of(values(1), spec, new int[] {0}, Field.nullable("y", I64));
    try (BufferAllocator a = root.newChildAllocator("client", 0, Long.MAX_VALUE);
        RemoteWorkerClient c = new RemoteWorkerClient(info(), secret, a, jars)) {
      // The jar is not a real one, so the task fails loading it, but only after it arrived.
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> c.submit(task(fragment, Partitioning.single())).get(10, TimeUnit.SECONDS));
      String hash = jars.wireName(jar.toString()).substring(UdfJars.PREFIX.length());
      Path cached = dir.resolve("jars").resolve(hash + ".jar");
      assertTrue(Files.isRegularFile(cached), "jar cached on the worker; task error was " + e.getCause());
      assertEquals(5, Files.size(cached));
      assertTrue(e.getCause().getMessage().contains(cached.toString()) || e.getCause() instanceof QuiverException,
          e.getCause().toString());
    }
  }

  @Test
  void aMarkedLostWorkerFailsAtOnce() {
    try (BufferAllocator a = root.newChildAllocator("client", 0, Long.MAX_VALUE);
        RemoteWorkerClient c = new RemoteWorkerClient(info(), secret, a, jars)) {
      c.markLost();
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> c.submit(task(values(1), Partitioning.single())).get(10, TimeUnit.SECONDS));
      assertInstanceOf(WorkerLostException.class, e.getCause());
      assertThrows(WorkerLostException.class, () -> c.fetch(new BlockId("q1", 1, 0, 0, 0), a));
    }
  }

  @Test
  void aStoppedWorkerIsLost() throws Exception {
    WorkerInfo info = info();
    server.close();
    server = WorkerFlightServer.start("w2", "127.0.0.1", 0, secret,
        new WorkerServices(t -> null, (b, al) -> null, q -> {}, q -> {}), dir.resolve("j2"), root);
    try (BufferAllocator a = root.newChildAllocator("client", 0, Long.MAX_VALUE);
        RemoteWorkerClient c = new RemoteWorkerClient(info, secret, a, jars)) {
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> c.submit(task(values(1), Partitioning.single())).get(10, TimeUnit.SECONDS));
      assertInstanceOf(WorkerLostException.class, e.getCause());
    }
  }
}
