package io.quiver.executor.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.BatchStream;
import io.quiver.executor.QuiverException;
import io.quiver.executor.cluster.WorkerLostException;
import io.quiver.executor.vector.Batches;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blocks published while their task runs: readers get the batches appended so far, wait for more until
 * the block is sealed, and fail cleanly when the writer fails, the block is dropped or the reader is
 * stopped. (The waits are checked as "still waiting after a while", which a correct store always is.)
 */
class OpenBlocksTest {
  private static final Schema SCHEMA = new Schema(List.of(
      new Field("id", FieldType.nullable(new ArrowType.Int(64, true)), null)));
  private static final String KEY = "q1/1/0/0/0";

  @TempDir
  Path spillDir;
  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  private VectorSchemaRoot batch(long from, int count) {
    VectorSchemaRoot root = Batches.empty(SCHEMA, allocator);
    root.allocateNew();
    BigIntVector id = (BigIntVector) root.getVector(0);
    for (int i = 0; i < count; i++) {
      id.setSafe(i, from + i);
    }
    root.setRowCount(count);
    return root;
  }

  /** The next batch's first id and row count, closing it; null at the end. */
  private static long[] read(BatchStream s) {
    try (VectorSchemaRoot b = s.next()) {
      return b == null ? null : new long[] {((BigIntVector) b.getVector(0)).get(0), b.getRowCount()};
    }
  }

  private static CompletableFuture<long[]> readAsync(BatchStream s) {
    return CompletableFuture.supplyAsync(() -> read(s));
  }

  /** Still not done after a while: the reader is waiting (a wrong early answer fails at once). */
  private static void assertWaiting(CompletableFuture<?> f) throws InterruptedException {
    Thread.sleep(200);
    assertFalse(f.isDone(), "the reader waits for the writer");
  }

  @Test
  void aReaderGetsBatchesAsTheyAreAppendedAndEndsWhenSealed() throws Exception {
    try (BlockStore store = new BlockStore(allocator, 1L << 30, spillDir)) {
      store.create(KEY, SCHEMA);
      store.append(KEY, batch(0, 10));
      assertFalse(store.isSealed(KEY));
      try (BatchStream s = store.open(KEY, allocator)) {
        assertEquals(SCHEMA, s.schema());
        long[] first = read(s);
        assertEquals(0, first[0]);
        assertEquals(10, first[1]);
        CompletableFuture<long[]> second = readAsync(s);
        assertWaiting(second);
        store.append(KEY, batch(10, 5));
        long[] b = second.get(10, TimeUnit.SECONDS);
        assertEquals(10, b[0]);
        assertEquals(5, b[1]);
        CompletableFuture<long[]> end = readAsync(s);
        assertWaiting(end);
        store.seal(KEY);
        assertNull(end.get(10, TimeUnit.SECONDS));
      }
      assertEquals(15, store.rows(KEY));
      // A reader opening the sealed block later reads it whole: blocks are kept after being read.
      try (BatchStream s = store.open(KEY, allocator)) {
        assertEquals(0, read(s)[0]);
        assertEquals(10, read(s)[0]);
        assertNull(read(s));
      }
    }
  }

  @Test
  void aReaderFailsCleanlyWhenTheWriterFails() throws Exception {
    try (BlockStore store = new BlockStore(allocator, 1L << 30, spillDir)) {
      store.create(KEY, SCHEMA);
      store.append(KEY, batch(0, 10));
      try (BatchStream s = store.open(KEY, allocator)) {
        assertEquals(0, read(s)[0]);
        CompletableFuture<long[]> waiting = readAsync(s);
        assertWaiting(waiting);
        store.fail(KEY, new QuiverException("UDF 'boom' failed on row 11."));
        ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(10, TimeUnit.SECONDS));
        assertInstanceOf(QuiverException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("UDF 'boom' failed"), e.getCause().getMessage());
      }
      // Later readers fail the same way.
      try (BatchStream s = store.open(KEY, allocator)) {
        assertThrows(QuiverException.class, s::next);
      }
    }
  }

  @Test
  void aWriterFailingBecauseAWorkerWasLostMakesItsReadersSayWhichWorker() throws Exception {
    try (BlockStore store = new BlockStore(allocator, 1L << 30, spillDir)) {
      store.create(KEY, SCHEMA);
      try (BatchStream s = store.open(KEY, allocator)) {
        CompletableFuture<long[]> waiting = readAsync(s);
        assertWaiting(waiting);
        store.fail(KEY, new WorkerLostException("w7", new IllegalStateException("connection refused")));
        ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(10, TimeUnit.SECONDS));
        WorkerLostException lost = assertInstanceOf(WorkerLostException.class, e.getCause());
        assertEquals("w7", lost.workerId());
      }
    }
  }

  @Test
  void aStoppedReaderStopsWaitingAndAMissingBlockIsAnErrorAtOnce() throws Exception {
    try (BlockStore store = new BlockStore(allocator, 1L << 30, spillDir)) {
      store.create(KEY, SCHEMA);
      AtomicBoolean cancelled = new AtomicBoolean();
      try (BatchStream s = store.open(KEY, allocator, cancelled::get)) {
        CompletableFuture<long[]> waiting = readAsync(s);
        assertWaiting(waiting);
        cancelled.set(true); // the reading task was cancelled
        ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(10, TimeUnit.SECONDS));
        assertEquals("Query cancelled.", e.getCause().getMessage());
      }
      QuiverException e = assertThrows(QuiverException.class, () -> store.open("q9/1/0/0/0", allocator, () -> false));
      assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
  }

  @Test
  void droppingAnOpenBlockFailsItsReaders() throws Exception {
    try (BlockStore store = new BlockStore(allocator, 1L << 30, spillDir)) {
      store.create(KEY, SCHEMA);
      try (BatchStream s = store.open(KEY, allocator)) {
        CompletableFuture<long[]> waiting = readAsync(s);
        assertWaiting(waiting);
        store.dropPrefix("q1/");
        ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("dropped"), e.getCause().getMessage());
      }
    }
  }

  @Test
  void openBlocksStayInMemoryAndSpillOnceSealedWhileAReaderContinuesFromTheFile() {
    try (BlockStore store = new BlockStore(allocator, 0, spillDir)) {
      store.create(KEY, SCHEMA);
      for (int i = 0; i < 3; i++) {
        store.append(KEY, batch(i * 10, 10));
      }
      assertFalse(store.isSpilled(KEY), "an open block is not spilled");
      try (BatchStream s = store.open(KEY, allocator)) {
        assertEquals(0, read(s)[0]);
        store.seal(KEY); // over the budget of 0: spills now
        assertTrue(store.isSpilled(KEY));
        assertEquals(10, read(s)[0]);
        assertEquals(20, read(s)[0]);
        assertNull(read(s));
      }
      assertEquals(0, store.memoryBytes());
    }
  }
}
