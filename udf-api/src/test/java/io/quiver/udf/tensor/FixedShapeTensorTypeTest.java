package io.quiver.udf.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class FixedShapeTensorTypeTest {
  @Test
  void serializedMetadataKeepsShapeCanonicalAndAddsTheElementType() {
    assertEquals("{\"shape\":[1,28,28],\"element_type\":\"FLOAT\"}", FixedShapeTensorType.float32(1, 28, 28).serialize());
  }

  @Test
  void deserializeRebuildsElementTypeAndShape() {
    FixedShapeTensorType registered = FixedShapeTensorType.uint8(1);
    ArrowType t = registered.deserialize(new ArrowType.FixedSizeList(6),
        "{ \"shape\" : [2, 3], \"element_type\" : \"DOUBLE\", \"dim_names\": [\"a\",\"b\"] }");
    assertEquals(new FixedShapeTensorType(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE),
        new int[] {2, 3}), t);
    // Metadata written by others (no element_type): the shape still comes through.
    FixedShapeTensorType plain = (FixedShapeTensorType) registered.deserialize(new ArrowType.FixedSizeList(4), "{\"shape\":[4]}");
    assertArrayEquals(new int[] {4}, plain.shape());
    assertThrows(IllegalArgumentException.class,
        () -> registered.deserialize(new ArrowType.FixedSizeList(5), "{\"shape\":[2,3]}"));
  }

  @Test
  void floatTensorSurvivesArrowIpc() throws Exception {
    FixedShapeTensorType.ensureRegistered();
    try (BufferAllocator allocator = new RootAllocator()) {
      float[] values = {1, 2, 3, 4, 5, 6};
      byte[] bytes;
      try (FixedShapeTensorVector v = TensorVectors.fromFloats("t", values, new int[] {1, 3}, allocator);
          VectorSchemaRoot root = new VectorSchemaRoot(List.of(v.getField()), List.of(v));
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          ArrowStreamWriter writer = new ArrowStreamWriter(root, null, Channels.newChannel(out))) {
        writer.start();
        writer.writeBatch();
        writer.end();
        bytes = out.toByteArray();
      }
      try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(bytes), allocator)) {
        assertTrue(reader.loadNextBatch());
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        Field field = root.getSchema().getFields().get(0);
        assertEquals(FixedShapeTensorType.float32(1, 3), field.getType());
        FixedShapeTensorVector back = assertInstanceOf(FixedShapeTensorVector.class, root.getVector(0));
        assertArrayEquals(new float[] {4, 5, 6}, TensorVectors.readFloats(back, 1));
        assertEquals(new Schema(List.of(FixedShapeTensorType.float32(1, 3).field("t", true))), root.getSchema());
      }
    }
  }

  @Test
  void parsesSqlNames() {
    assertEquals(FixedShapeTensorType.float32(1, 28, 28), FixedShapeTensorType.parse("TENSOR<FLOAT>[1,28,28]"));
    assertEquals(FixedShapeTensorType.uint8(28, 28), FixedShapeTensorType.parse(" tensor<uint8>[28, 28] "));
    assertEquals(new FixedShapeTensorType(new ArrowType.Int(64, true), new int[] {10}),
        FixedShapeTensorType.parse("TENSOR<BIGINT>[10]"));
    for (FixedShapeTensorType t : List.of(FixedShapeTensorType.uint8(3, 4, 5), FixedShapeTensorType.float32(7))) {
      assertEquals(t, FixedShapeTensorType.parse(t.sqlName()));
    }
    assertThrows(IllegalArgumentException.class, () -> FixedShapeTensorType.parse("TENSOR<FLOAT>"));
    assertThrows(IllegalArgumentException.class, () -> FixedShapeTensorType.parse("TENSOR<CHAR>[2]"));
    assertThrows(IllegalArgumentException.class, () -> FixedShapeTensorType.parse("TENSOR<FLOAT>[a]"));
    assertTrue(FixedShapeTensorType.isTensorName("tensor<float>[2]"));
  }
}
