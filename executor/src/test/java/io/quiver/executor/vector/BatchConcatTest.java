package io.quiver.executor.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/** {@link BatchConcat#concat}: every row once, in order, NULLs kept, buffers sized once, inputs closed. */
class BatchConcatTest {
  private static final Schema SCHEMA = new Schema(List.of(Field.nullable("n", new ArrowType.Int(64, true)),
      Field.nullable("s", ArrowType.Utf8.INSTANCE)));

  @Test
  void concatenatesBatchesSizedOnceAndClosesThem() {
    try (BufferAllocator allocator = new RootAllocator()) {
      List<VectorSchemaRoot> batches = new ArrayList<>();
      int next = 0;
      for (int size : new int[] {3, 0, 1000, 7}) {
        VectorSchemaRoot b = Batches.empty(SCHEMA, allocator);
        b.allocateNew();
        BigIntVector n = (BigIntVector) b.getVector(0);
        VarCharVector s = (VarCharVector) b.getVector(1);
        for (int i = 0; i < size; i++, next++) {
          if (next % 10 == 3) {
            n.setNull(i);
            s.setNull(i);
          } else {
            n.setSafe(i, next);
            s.setSafe(i, ("v" + next).getBytes(java.nio.charset.StandardCharsets.UTF_8));
          }
        }
        b.setRowCount(size);
        batches.add(b);
      }
      try (VectorSchemaRoot target = Batches.empty(SCHEMA, allocator)) {
        BatchConcat.concat(target, batches);
        assertEquals(next, target.getRowCount());
        BigIntVector n = (BigIntVector) target.getVector(0);
        VarCharVector s = (VarCharVector) target.getVector(1);
        for (int i = 0; i < next; i++) {
          if (i % 10 == 3) {
            assertTrue(n.isNull(i) && s.isNull(i), "row " + i + " is NULL");
          } else {
            assertEquals(i, n.get(i));
            assertEquals("v" + i, s.getObject(i).toString());
          }
        }
        // Sized once: the data buffer holds exactly what was appended (no doubling past it).
        assertTrue(s.getDataBuffer().capacity() < 2L * s.getOffsetBuffer().getInt((long) next * 4) + 64,
            "data buffer " + s.getDataBuffer().capacity());
      }
    } // closing the allocator fails if concat left an input batch open
  }
}
