package io.quiver.executor.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PartitionerTest {
  private BufferAllocator allocator;

  @BeforeEach
  void open() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void close() {
    allocator.close();
  }

  private VectorSchemaRoot ints(int n) {
    IntVector v = new IntVector("x", allocator);
    v.allocateNew(n);
    for (int i = 0; i < n; i++) {
      if (i % 17 == 0) {
        v.setNull(i);
      } else {
        v.set(i, i);
      }
    }
    v.setValueCount(n);
    return new VectorSchemaRoot(List.of((FieldVector) v));
  }

  private Schema schema() {
    try (VectorSchemaRoot r = ints(0)) {
      return r.getSchema();
    }
  }

  /** Partition of each row of a one-column batch under HASH(0, count). */
  private int[] partitions(VectorSchemaRoot batch, int count) {
    int[] out = new int[batch.getRowCount()];
    for (int r = 0; r < out.length; r++) {
      out[r] = (int) Math.floorMod(KeyHasher.hash(batch.getFieldVectors(), new int[] {0}, r), (long) count);
    }
    return out;
  }

  @Test
  void equalValuesOfDifferentTypesHashAlike() {
    try (VectorSchemaRoot a = ints(100); VectorSchemaRoot b = new VectorSchemaRoot(List.of((FieldVector) new BigIntVector("x", allocator)));
        VectorSchemaRoot c = new VectorSchemaRoot(List.of((FieldVector) new Float8Vector("x", allocator)))) {
      BigIntVector big = (BigIntVector) b.getVector(0);
      Float8Vector dbl = (Float8Vector) c.getVector(0);
      big.allocateNew(100);
      dbl.allocateNew(100);
      for (int i = 0; i < 100; i++) {
        if (i % 17 == 0) {
          big.setNull(i);
          dbl.setNull(i);
        } else {
          big.set(i, i);
          dbl.set(i, i);
        }
      }
      b.setRowCount(100);
      c.setRowCount(100);
      assertArrayEquals(partitions(a, 7), partitions(b, 7));
      assertArrayEquals(partitions(a, 7), partitions(c, 7));
    }
  }

  @Test
  void columnAtATimeHashesEqualRowAtATime() {
    try (VectorSchemaRoot a = ints(300); VarCharVector s = new VarCharVector("s", allocator)) {
      s.allocateNew();
      for (int i = 0; i < 300; i++) {
        if (i % 5 == 0) {
          s.setNull(i);
        } else {
          s.setSafe(i, ("v" + i % 7).getBytes(StandardCharsets.UTF_8));
        }
      }
      s.setValueCount(300);
      List<FieldVector> cols = List.of(a.getVector(0), s);
      long[] all = KeyHasher.hashAll(cols, new int[] {1, 0}, 300);
      for (int r = 0; r < 300; r++) {
        assertEquals(KeyHasher.hash(cols, new int[] {1, 0}, r), all[r]);
      }
    }
  }

  @Test
  void stringsHashByTheirBytesAndTheHashIsFixed() {
    try (VarCharVector v = new VarCharVector("s", allocator)) {
      v.allocateNew();
      v.setSafe(0, "quiver".getBytes(StandardCharsets.UTF_8));
      v.setSafe(1, "quiver".getBytes(StandardCharsets.UTF_8));
      v.setSafe(2, "arrow".getBytes(StandardCharsets.UTF_8));
      v.setValueCount(3);
      assertEquals(KeyHasher.valueHash(v, 0), KeyHasher.valueHash(v, 1));
      assertNotEquals(KeyHasher.valueHash(v, 0), KeyHasher.valueHash(v, 2));
      // Fixed across JVMs and runs: no identity hashes, no random seeds.
      assertEquals(4307436850288664368L, KeyHasher.valueHash(v, 2));
    }
  }

  @Test
  void hashSplitsEveryRowOnceByKey() {
    Schema schema = schema();
    Partitioner p = new Partitioner(Partitioning.hash(new int[] {0}, 3), schema, 0, allocator);
    VectorSchemaRoot batch = ints(1000);
    int[] expected = partitions(batch, 3);
    VectorSchemaRoot[] parts = p.split(batch);
    int total = 0;
    for (int part = 0; part < 3; part++) {
      try (VectorSchemaRoot r = parts[part]) {
        total += r.getRowCount();
        IntVector v = (IntVector) r.getVector(0);
        for (int i = 0; i < r.getRowCount(); i++) {
          int row = v.isNull(i) ? 0 : v.get(i);
          assertEquals(part, expected[row]);
        }
      }
    }
    assertEquals(1000, total);
  }

  @Test
  void randomIsReproducibleFromSeedTaskAndRowNumber() {
    Schema schema = schema();
    List<Integer> first = draw(schema, 42, 0);
    assertEquals(first, draw(schema, 42, 0), "same seed and task: same partitions");
    assertNotEquals(first, draw(schema, 43, 0));
    assertNotEquals(first, draw(schema, 42, 1));
    for (int p = 0; p < 4; p++) {
      assertTrue(first.contains(p), "every partition gets rows");
    }
  }

  /** The partition of each of 200 rows, fed in two batches (batch boundaries must not matter). */
  private List<Integer> draw(Schema schema, long seed, int task) {
    Partitioner p = new Partitioner(Partitioning.random(4, seed), schema, task, allocator);
    Integer[] out = new Integer[200];
    for (int half = 0; half < 2; half++) {
      VectorSchemaRoot[] parts = p.split(ints(100));
      for (int part = 0; part < 4; part++) {
        if (parts[part] == null) {
          continue;
        }
        try (VectorSchemaRoot r = parts[part]) {
          IntVector v = (IntVector) r.getVector(0);
          for (int i = 0; i < r.getRowCount(); i++) {
            int row = v.isNull(i) ? -1 : v.get(i);
            if (row >= 0) {
              out[half * 100 + row] = part;
            }
          }
        }
      }
    }
    List<Integer> list = new ArrayList<>();
    for (Integer i : out) {
      if (i != null) {
        list.add(i);
      }
    }
    return list;
  }

  @Test
  void singleKeepsTheBatchAndBroadcastCopiesItEverywhere() {
    Schema schema = schema();
    VectorSchemaRoot[] single = new Partitioner(Partitioning.single(), schema, 0, allocator).split(ints(10));
    assertEquals(1, single.length);
    try (VectorSchemaRoot r = single[0]) {
      assertEquals(10, r.getRowCount());
    }
    VectorSchemaRoot[] all = new Partitioner(Partitioning.broadcast(3), schema, 0, allocator).split(ints(10));
    for (VectorSchemaRoot r : all) {
      try (r) {
        assertEquals(10, r.getRowCount());
      }
    }
    VectorSchemaRoot[] hashed = new Partitioner(Partitioning.hash(new int[] {0}, 64), schema, 0, allocator).split(ints(2));
    int empty = 0;
    for (VectorSchemaRoot r : hashed) {
      if (r == null) {
        empty++;
      } else {
        r.close();
      }
    }
    assertTrue(empty >= 62);
  }
}
