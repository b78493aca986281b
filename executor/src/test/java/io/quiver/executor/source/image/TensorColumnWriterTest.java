package io.quiver.executor.source.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.quiver.udf.tensor.FixedShapeTensorType;
import io.quiver.udf.tensor.FixedShapeTensorVector;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class TensorColumnWriterTest {
  @Test
  void vectorSchemaRootCreateMakesATensorColumnThatTheWriterFills() {
    Schema schema = new Schema(List.of(FixedShapeTensorType.uint8(2, 3).field("image", true)));
    try (RootAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
      FixedShapeTensorVector v = assertInstanceOf(FixedShapeTensorVector.class, root.getVector("image"));
      assertEquals(1, v.getUnderlyingVector().getChildrenFromFields().size());
      TensorColumnWriter writer = new TensorColumnWriter(v, 4);
      writer.set(0, new byte[] {1, 2, 3, 4, 5, 6});
      writer.set(1, new byte[] {7, 8, 9, 10, 11, (byte) 200});
      writer.finish(2);
      root.setRowCount(2);
      UInt1Vector elements = assertInstanceOf(UInt1Vector.class, v.elements());
      assertEquals(12, elements.getValueCount());
      assertEquals(200, elements.getValueAsLong(11));
      assertEquals(List.of((byte) 7, (byte) 8, (byte) 9, (byte) 10, (byte) 11, (byte) 200),
          v.getObject(1));
      assertEquals(0, v.getNullCount());
      assertEquals(0, elements.getNullCount());
      assertEquals(schema, root.getSchema());
    }
  }
}
