package io.quiver.udf.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TensorVectorsTest {
  private BufferAllocator allocator;

  @BeforeEach
  void open() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void closeAllocator() {
    allocator.close(); // throws when a test leaked Arrow memory
  }

  @Test
  void allocateGivesNonNullRowsWithValidElements() {
    try (FixedShapeTensorVector v = TensorVectors.allocate("t", FixedShapeTensorType.float32(2, 3), 5, allocator)) {
      assertEquals(5, v.getValueCount());
      assertEquals(30, v.elements().getValueCount());
      for (int i = 0; i < 5; i++) {
        assertFalse(v.isNull(i));
      }
      for (int i = 0; i < 30; i++) {
        assertFalse(v.elements().isNull(i));
      }
      assertArrayEquals(new int[] {2, 3}, TensorVectors.shape(v));
    }
  }

  @Test
  void floatsRoundTripPerRowAndShowInTheElementVector() {
    try (FixedShapeTensorVector v = TensorVectors.allocate("t", FixedShapeTensorType.float32(2, 2), 3, allocator)) {
      for (int row = 0; row < 3; row++) {
        TensorVectors.writeFloats(v, row, new float[] {row, row + 0.5f, -row, 1e-3f * row});
      }
      assertArrayEquals(new float[] {2, 2.5f, -2, 2e-3f}, TensorVectors.readFloats(v, 2));
      // The element vector agrees with the bulk writes, element by element.
      org.apache.arrow.vector.Float4Vector elements = (org.apache.arrow.vector.Float4Vector) v.elements();
      assertEquals(1.5f, elements.get(5));
      float[] dst = new float[6];
      TensorVectors.readFloats(v, 1, dst, 2);
      assertArrayEquals(new float[] {0, 0, 1, 1.5f, -1, 1e-3f}, dst);
      assertEquals(java.util.List.of(1f, 1.5f, -1f, 1e-3f), v.getObject(1));
    }
  }

  @Test
  void bytesAndIntsRoundTrip() {
    try (FixedShapeTensorVector b = TensorVectors.allocate("b", FixedShapeTensorType.uint8(3), 2, allocator);
        FixedShapeTensorVector i = TensorVectors.allocate("i",
            new FixedShapeTensorType(new ArrowType.Int(32, true), new int[] {2}), 2, allocator)) {
      TensorVectors.writeBytes(b, 1, new byte[] {(byte) 255, 0, 7});
      assertArrayEquals(new byte[] {(byte) 255, 0, 7}, TensorVectors.readBytes(b, 1));
      TensorVectors.writeInts(i, 0, new int[] {-5, Integer.MAX_VALUE});
      TensorVectors.writeInts(i, 1, new int[] {3, 4});
      assertArrayEquals(new int[] {-5, Integer.MAX_VALUE}, TensorVectors.readInts(i, 0));
      assertArrayEquals(new int[] {3, 4}, TensorVectors.readInts(i, 1));
    }
  }

  @Test
  void toFloatArrayReadsUint8AsUnsigned() {
    try (FixedShapeTensorVector b = TensorVectors.allocate("b", FixedShapeTensorType.uint8(2, 2), 2, allocator)) {
      TensorVectors.writeBytes(b, 0, new byte[] {0, 1, (byte) 128, (byte) 255});
      TensorVectors.writeBytes(b, 1, new byte[] {10, 20, 30, 40});
      assertArrayEquals(new float[] {0, 1, 128, 255, 10, 20, 30, 40}, TensorVectors.toFloatArray(b));
      float[] second = new float[4];
      TensorVectors.readAsFloats(b, 1, 1, second, 0);
      assertArrayEquals(new float[] {10, 20, 30, 40}, second);
    }
  }

  @Test
  void toFloatArrayConvertsWiderIntegersAndDoubles() {
    FixedShapeTensorType i16 = new FixedShapeTensorType(new ArrowType.Int(16, false), new int[] {2});
    FixedShapeTensorType f64 = new FixedShapeTensorType(
        new ArrowType.FloatingPoint(org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE), new int[] {2});
    try (FixedShapeTensorVector s = TensorVectors.allocate("s", i16, 1, allocator);
        FixedShapeTensorVector d = TensorVectors.allocate("d", f64, 1, allocator)) {
      ((org.apache.arrow.vector.UInt2Vector) s.elements()).set(0, (char) 65535);
      ((org.apache.arrow.vector.UInt2Vector) s.elements()).set(1, (char) 3);
      assertArrayEquals(new float[] {65535, 3}, TensorVectors.toFloatArray(s));
      ((org.apache.arrow.vector.Float8Vector) d.elements()).set(0, 0.25);
      ((org.apache.arrow.vector.Float8Vector) d.elements()).set(1, -2);
      assertArrayEquals(new float[] {0.25f, -2}, TensorVectors.toFloatArray(d));
    }
  }

  @Test
  void fromFloatsMakesWholeTensors() {
    float[] values = new float[2 * 6];
    for (int k = 0; k < values.length; k++) {
      values[k] = k;
    }
    try (FixedShapeTensorVector v = TensorVectors.fromFloats("x", values, new int[] {1, 2, 3}, allocator)) {
      assertEquals(2, v.getValueCount());
      assertEquals("TENSOR<FLOAT>[1,2,3]", v.tensorType().sqlName());
      assertArrayEquals(new float[] {6, 7, 8, 9, 10, 11}, TensorVectors.readFloats(v, 1));
      assertArrayEquals(values, TensorVectors.toFloatArray(v));
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TensorVectors.fromFloats("x", new float[7], new int[] {2, 3}, allocator));
    assertTrue(e.getMessage().contains("(6 values each)"), e.getMessage());
  }

  @Test
  void emptyVectorsWork() {
    try (FixedShapeTensorVector v = TensorVectors.fromFloats("x", new float[0], new int[] {4}, allocator)) {
      assertEquals(0, v.getValueCount());
      assertEquals(0, TensorVectors.toFloatArray(v).length);
    }
  }

  @Test
  void wrongElementTypesAndLengthsAreClearErrors() {
    try (FixedShapeTensorVector b = TensorVectors.allocate("pixels", FixedShapeTensorType.uint8(2), 1, allocator);
        IntVector notTensor = new IntVector("n", allocator)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TensorVectors.readFloats(b, 0));
      assertTrue(e.getMessage().contains("'pixels' is TENSOR<UINT8>[2]"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> TensorVectors.writeBytes(b, 0, new byte[3]));
      e = assertThrows(IllegalArgumentException.class, () -> TensorVectors.asTensor(notTensor, "normalize"));
      assertTrue(e.getMessage().startsWith("normalize expects a tensor column"), e.getMessage());
      assertEquals(b, TensorVectors.asTensor(b, "normalize"));
    }
  }

  @Test
  void typeOfTakesTheElementTypeFromTheChild() {
    FixedShapeTensorType f = FixedShapeTensorType.float32(1, 28, 28);
    assertEquals(f, TensorVectors.typeOf(f.field("image", true)));
    // A field whose extension type lost its element type (metadata from another writer) is repaired.
    org.apache.arrow.vector.types.pojo.Field broken = new org.apache.arrow.vector.types.pojo.Field("image",
        new org.apache.arrow.vector.types.pojo.FieldType(true, FixedShapeTensorType.uint8(1, 28, 28), null),
        java.util.List.of(new org.apache.arrow.vector.types.pojo.Field("item",
            org.apache.arrow.vector.types.pojo.FieldType.notNullable(f.elementType()), null)));
    assertEquals(f, TensorVectors.typeOf(broken));
    assertThrows(IllegalArgumentException.class, () -> TensorVectors.typeOf(
        org.apache.arrow.vector.types.pojo.Field.nullable("x", new ArrowType.Int(32, true))));
  }
}
