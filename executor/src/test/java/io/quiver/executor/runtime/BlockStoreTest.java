package io.quiver.executor.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.BatchStream;
import io.quiver.executor.QuiverException;
import io.quiver.executor.vector.Batches;
import io.quiver.udf.tensor.FixedShapeTensorType;
import io.quiver.udf.tensor.FixedShapeTensorVector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockStoreTest {
  private static final FixedShapeTensorType TENSOR = FixedShapeTensorType.float32(2);
  private static final Schema SCHEMA = new Schema(List.of(
      new Field("id", FieldType.nullable(new ArrowType.Int(64, true)), null),
      new Field("name", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
      TENSOR.field("t", true)));

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

  /** A batch of rows [from, from+count): id, 'name-id' (NULL every 7th), tensor [id, -id]. */
  private VectorSchemaRoot batch(BufferAllocator a, long from, int count) {
    VectorSchemaRoot root = Batches.empty(SCHEMA, a);
    root.allocateNew();
    BigIntVector id = (BigIntVector) root.getVector(0);
    VarCharVector name = (VarCharVector) root.getVector(1);
    FixedShapeTensorVector t = (FixedShapeTensorVector) root.getVector(2);
    for (int i = 0; i < count; i++) {
      long v = from + i;
      id.setSafe(i, v);
      if (v % 7 == 0) {
        name.setNull(i);
      } else {
        name.setSafe(i, ("name-" + v).getBytes(StandardCharsets.UTF_8));
      }
      t.getUnderlyingVector().setNotNull(i);
      ((Float4Vector) t.elements()).setSafe(2 * i, v);
      ((Float4Vector) t.elements()).setSafe(2 * i + 1, -v);
    }
    t.elements().setValueCount(2 * count);
    root.setRowCount(count);
    return root;
  }

  private List<VectorSchemaRoot> batches(long from, int batches, int rowsEach) {
    List<VectorSchemaRoot> out = new ArrayList<>();
    for (int b = 0; b < batches; b++) {
      out.add(batch(allocator, from + (long) b * rowsEach, rowsEach));
    }
    return out;
  }

  private static String expected(BufferAllocator a, BlockStoreTest t, long from, int batches, int rowsEach) {
    StringBuilder sb = new StringBuilder();
    for (int b = 0; b < batches; b++) {
      try (VectorSchemaRoot r = t.batch(a, from + (long) b * rowsEach, rowsEach)) {
        sb.append(r.contentToTSVString());
      }
    }
    return sb.toString();
  }

  private static String read(BlockStore store, String key, BufferAllocator a) {
    StringBuilder sb = new StringBuilder();
    try (BatchStream s = store.open(key, a)) {
      VectorSchemaRoot b;
      while ((b = s.next()) != null) {
        try (VectorSchemaRoot batch = b) {
          assertEquals(SCHEMA, batch.getSchema());
          sb.append(batch.contentToTSVString());
        }
      }
    }
    return sb.toString();
  }

  private long filesInSpillDir() throws IOException {
    try (Stream<Path> s = Files.list(spillDir)) {
      return s.count();
    }
  }

  @Test
  void keepsBlocksInMemoryWithinTheBudget() throws IOException {
    try (BlockStore store = new BlockStore(allocator, 64L << 20, spillDir)) {
      store.put("q1/0/0/0/0", SCHEMA, batches(0, 3, 1000));
      assertTrue(store.contains("q1/0/0/0/0"));
      assertFalse(store.isSpilled("q1/0/0/0/0"));
      assertEquals(3000, store.rows("q1/0/0/0/0"));
      assertEquals(SCHEMA, store.schema("q1/0/0/0/0"));
      try (BufferAllocator reader = allocator.newChildAllocator("reader", 0, Long.MAX_VALUE)) {
        assertEquals(expected(reader, this, 0, 3, 1000), read(store, "q1/0/0/0/0", reader));
        // reading twice gives the same rows: open hands out copies, the block stays
        assertEquals(expected(reader, this, 0, 3, 1000), read(store, "q1/0/0/0/0", reader));
      }
      assertEquals(0, store.spilledBytes());
      assertEquals(0, filesInSpillDir());
    }
  }

  @Test
  void spillsTheOldestBlocksBeyondTheBudgetAndReadsThemBack() throws IOException {
    long blockBytes;
    try (BlockStore probe = new BlockStore(allocator, Long.MAX_VALUE, spillDir)) {
      probe.put("p", SCHEMA, batches(0, 2, 2000));
      blockBytes = probe.memoryBytes();
    }
    long budget = blockBytes * 5 / 2; // two blocks fit, not three
    try (BlockStore store = new BlockStore(allocator, budget, spillDir)) {
      for (int k = 0; k < 5; k++) {
        store.put("t" + k, SCHEMA, batches(k * 10_000L, 2, 2000));
      }
      assertTrue(store.memoryBytes() <= budget, "within budget: " + store.memoryBytes());
      assertEquals(3, store.spilledBlocks());
      assertTrue(store.isSpilled("t0"), "the oldest block spilled first");
      assertFalse(store.isSpilled("t4"), "the newest block fits");
      assertTrue(store.spilledBytes() > 0);
      long files = filesInSpillDir();
      assertEquals(store.spilledBlocks(), files);
      for (int k = 0; k < 5; k++) {
        assertEquals(4000, store.rows("t" + k));
        assertEquals(expected(allocator, this, k * 10_000L, 2, 2000), read(store, "t" + k, allocator));
      }
      store.drop("t0");
      assertFalse(store.contains("t0"));
      assertEquals(files - 1, filesInSpillDir(), "dropping a spilled block deletes its file");
    }
    assertEquals(0, filesInSpillDir(), "closing the store deletes every spill file");
  }

  @Test
  void aBlockLargerThanTheBudgetGoesStraightToDisk() throws IOException {
    try (BlockStore store = new BlockStore(allocator, 0, spillDir)) {
      store.put("big", SCHEMA, batches(0, 4, 3000));
      assertTrue(store.isSpilled("big"));
      assertEquals(0, store.memoryBytes());
      assertEquals(expected(allocator, this, 0, 4, 3000), read(store, "big", allocator));
      // lowering and raising the budget later works too
      store.setMemoryBudget(1L << 30);
      store.put("small", SCHEMA, batches(5, 1, 10));
      assertFalse(store.isSpilled("small"));
      store.setMemoryBudget(0);
      assertTrue(store.isSpilled("small"));
      assertEquals(expected(allocator, this, 5, 1, 10), read(store, "small", allocator));
    }
    assertEquals(0, filesInSpillDir());
  }

  @Test
  void readersSurviveDropsAndSpills() {
    try (BlockStore store = new BlockStore(allocator, 1L << 30, spillDir);
        BufferAllocator reader = allocator.newChildAllocator("reader", 0, Long.MAX_VALUE)) {
      store.put("a", SCHEMA, batches(0, 2, 500));
      BatchStream inMemory = store.open("a", reader);
      store.setMemoryBudget(0); // spills "a" under the open reader
      BatchStream fromDisk = store.open("a", reader);
      store.drop("a"); // deletes the file under the second reader
      String want = expected(reader, this, 0, 2, 500);
      assertEquals(want, drain(inMemory));
      assertEquals(want, drain(fromDisk));
      // closing early releases what was not read
      store.put("b", SCHEMA, batches(0, 3, 100));
      store.open("b", reader).close();
    }
  }

  @Test
  void replacesAndDropsByPrefix() throws IOException {
    try (BlockStore store = new BlockStore(allocator, 0, spillDir)) {
      store.put("q1/1/0/0/0", SCHEMA, batches(0, 1, 100));
      store.put("q1/1/1/0/0", SCHEMA, batches(100, 1, 100));
      store.put("q2/1/0/0/0", SCHEMA, batches(200, 1, 100));
      store.put("q2/1/0/0/0", SCHEMA, batches(300, 1, 50)); // replaces, deleting the old file
      assertEquals(3, filesInSpillDir());
      assertEquals(50, store.rows("q2/1/0/0/0"));
      store.dropPrefix("q1/");
      assertEquals(List.of("q2/1/0/0/0"), store.keys());
      assertEquals(1, filesInSpillDir());
      QuiverException e = assertThrows(QuiverException.class, () -> store.open("q1/1/0/0/0", allocator));
      assertTrue(e.getMessage().contains("q1/1/0/0/0"), e.getMessage());
    }
    assertEquals(0, filesInSpillDir());
  }

  @Test
  void putTakesOwnershipOfBatchesFromOtherAllocators() {
    try (BlockStore store = new BlockStore(allocator, 1L << 30, spillDir)) {
      BufferAllocator query = allocator.newChildAllocator("query", 0, Long.MAX_VALUE);
      store.put("x", SCHEMA, batches(0, 1, 10));
      store.put("y", SCHEMA, List.of(batch(query, 0, 10)));
      query.close(); // nothing left in the query's allocator: the store owns the batches
      assertEquals(expected(allocator, this, 0, 1, 10), read(store, "y", allocator));
    }
  }

  private static String drain(BatchStream s) {
    StringBuilder sb = new StringBuilder();
    try (s) {
      VectorSchemaRoot b;
      while ((b = s.next()) != null) {
        try (VectorSchemaRoot batch = b) {
          sb.append(batch.contentToTSVString());
        }
      }
    }
    return sb.toString();
  }
}
