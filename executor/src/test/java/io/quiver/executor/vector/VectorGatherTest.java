package io.quiver.executor.vector;

import static org.junit.jupiter.api.Assertions.*;

import io.quiver.udf.tensor.FixedShapeTensorType;
import io.quiver.udf.tensor.FixedShapeTensorVector;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.junit.jupiter.api.Test;

class VectorGatherTest {
  static final int[] INDICES = {2, -1, 0, 2, 1};

  @Test
  void takesFixedWidthValuesWithNullsAndNegativeIndices() {
    try (BufferAllocator allocator = new RootAllocator(); IntVector src = new IntVector("i", allocator)) {
      src.allocateNew(3);
      src.set(0, 10);
      src.setNull(1);
      src.set(2, 30);
      src.setValueCount(3);
      try (IntVector out = (IntVector) Batches.take(src, INDICES, INDICES.length, allocator)) {
        assertEquals("i", out.getName());
        assertEquals(5, out.getValueCount());
        assertEquals(30, out.get(0));
        assertTrue(out.isNull(1));
        assertEquals(10, out.get(2));
        assertEquals(30, out.get(3));
        assertTrue(out.isNull(4));
      }
    }
  }

  @Test
  void takesStringsAndBooleans() {
    try (BufferAllocator allocator = new RootAllocator();
        VarCharVector s = new VarCharVector("s", allocator);
        BitVector b = new BitVector("b", allocator)) {
      s.allocateNew();
      s.setSafe(0, "héllo".getBytes(StandardCharsets.UTF_8));
      s.setNull(1);
      s.setSafe(2, "".getBytes(StandardCharsets.UTF_8));
      s.setValueCount(3);
      b.allocateNew(3);
      b.set(0, 1);
      b.set(1, 0);
      b.setNull(2);
      b.setValueCount(3);
      try (VarCharVector out = (VarCharVector) VectorGather.take(s, "renamed", INDICES, 5, allocator);
          BitVector bits = (BitVector) Batches.take(b, INDICES, 5, allocator)) {
        assertEquals("renamed", out.getName());
        assertEquals("", new String(out.get(0), StandardCharsets.UTF_8));
        assertTrue(out.isNull(1));
        assertEquals("héllo", new String(out.get(2), StandardCharsets.UTF_8));
        assertTrue(out.isNull(4));
        assertTrue(bits.isNull(0));
        assertTrue(bits.isNull(1));
        assertEquals(1, bits.get(2));
        assertEquals(0, bits.get(4));
      }
    }
  }

  @Test
  void takesTensorsThroughTheirStorage() {
    FixedShapeTensorType type = FixedShapeTensorType.float32(2);
    try (BufferAllocator allocator = new RootAllocator();
        FixedShapeTensorVector t = (FixedShapeTensorVector) VectorFactory.create(type.field("t", true), allocator)) {
      t.allocateNew();
      FixedSizeListVector storage = t.getUnderlyingVector();
      Float4Vector elements = (Float4Vector) t.elements();
      for (int i = 0; i < 3; i++) {
        if (i == 1) {
          storage.setNull(i);
          continue;
        }
        storage.setNotNull(i);
        elements.setSafe(2 * i, i);
        elements.setSafe(2 * i + 1, -i);
      }
      t.setValueCount(3);
      try (FieldVector taken = Batches.take(t, INDICES, 5, allocator)) {
        FixedShapeTensorVector out = (FixedShapeTensorVector) taken;
        assertEquals(List.of(2.0f, -2.0f), out.getObject(0));
        assertTrue(out.isNull(1));
        assertEquals(List.of(0.0f, 0.0f), out.getObject(2));
        assertTrue(out.isNull(4));
      }
      try (FieldVector nulls = VectorGather.nulls(t.getField(), 4, allocator)) {
        assertEquals(4, nulls.getValueCount());
        assertTrue(nulls.isNull(3));
      }
    }
  }

  @Test
  void takesWholeBatches() {
    try (BufferAllocator allocator = new RootAllocator(); IntVector src = new IntVector("i", allocator)) {
      src.allocateNew(2);
      src.set(0, 1);
      src.set(1, 2);
      src.setValueCount(2);
      try (VectorSchemaRoot root = new VectorSchemaRoot(List.of(src.getField()), List.of(src), 2);
          VectorSchemaRoot out = Batches.take(root, new int[] {1, 1, 0}, 3, allocator)) {
        assertEquals(3, out.getRowCount());
        assertEquals("[2, 2, 1]", List.of(((IntVector) out.getVector(0)).get(0), ((IntVector) out.getVector(0)).get(1),
            ((IntVector) out.getVector(0)).get(2)).toString());
      }
    }
  }
}
