package example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.udf.tensor.FixedShapeTensorType;
import io.quiver.udf.tensor.FixedShapeTensorVector;
import io.quiver.udf.tensor.TensorVectors;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;

class NormalizeTest {
  @Test
  void mapsPixelsIntoMinusOneToOneAndAddsAChannel() {
    try (BufferAllocator allocator = new RootAllocator();
        FixedShapeTensorVector in = TensorVectors.allocate("image", FixedShapeTensorType.uint8(2, 3), 2, allocator)) {
      TensorVectors.writeBytes(in, 0, new byte[] {0, (byte) 255, (byte) 128, 1, 64, (byte) 200});
      TensorVectors.writeBytes(in, 1, new byte[6]);
      in.getUnderlyingVector().setNull(1);
      Normalize normalize = new Normalize();
      try (FixedShapeTensorVector out = (FixedShapeTensorVector) normalize.apply(List.of(in),
          new TestContext(allocator, Map.of(), "normalize"))) {
        assertEquals("TENSOR<FLOAT>[1,2,3]", out.tensorType().sqlName());
        assertEquals(2, out.getValueCount());
        float[] expected = new float[6];
        int[] raw = {0, 255, 128, 1, 64, 200};
        for (int i = 0; i < 6; i++) {
          expected[i] = (raw[i] / 255f - 0.5f) / 0.5f; // torchvision's ToTensor + Normalize(0.5, 0.5)
        }
        float[] got = TensorVectors.readFloats(out, 0);
        assertArrayEquals(expected, got);
        assertEquals(-1f, got[0]);
        assertEquals(1f, got[1]);
        assertFalse(out.isNull(0));
        assertTrue(out.isNull(1));
      }
    }
  }

  @Test
  void returnFieldFollowsTheInputShape() {
    Normalize normalize = new Normalize();
    Field mnist = normalize.returnField(List.of(FixedShapeTensorType.uint8(28, 28).field("image", true)), Map.of());
    assertEquals(FixedShapeTensorType.float32(1, 28, 28), mnist.getType());
    Field big = normalize.returnField(List.of(FixedShapeTensorType.uint8(64, 32).field("image", true)), Map.of());
    assertEquals(FixedShapeTensorType.float32(1, 64, 32), big.getType());
    assertThrows(IllegalArgumentException.class, () -> normalize.returnField(
        List.of(FixedShapeTensorType.float32(28, 28).field("image", true)), Map.of()));
  }
}
