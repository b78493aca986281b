package io.quiver.executor.cluster.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.BatchStream;
import io.quiver.executor.cluster.BlockId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Striped tickets and putting a block's stripes back in order. */
class StripedBlockStreamTest {
  private static final Schema SCHEMA = new Schema(List.of(Field.nullable("x", new ArrowType.Int(64, true))));
  private final RootAllocator root = new RootAllocator();

  @AfterEach
  void close() {
    root.close();
  }

  @Test
  void ticketsRoundTripAndPlainTicketsAreOneStripe() {
    BlockId b = new BlockId("q-1", 2, 3, 1, 4);
    assertEquals(b.ticket(), new StripedTicket(b, 0, 1).encode());
    assertEquals(new StripedTicket(b, 0, 1), StripedTicket.parse(b.ticket()));
    StripedTicket t = new StripedTicket(b, 2, 3);
    assertEquals("q-1/2/3/1/4#2/3", t.encode());
    assertEquals(t, StripedTicket.parse(t.encode()));
    assertTrue(t.carries(2) && t.carries(5) && !t.carries(3));
    assertThrows(IllegalArgumentException.class, () -> new StripedTicket(b, 3, 3));
    assertThrows(IllegalArgumentException.class, () -> StripedTicket.parse(b.ticket() + "#1"));
  }

  /** Batch i holds the single value i; stripe k of n gets the batches i with i % n == k, as a worker serves them. */
  private List<FakeStripe> stripes(int batches, int n) {
    List<FakeStripe> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      out.add(new FakeStripe());
    }
    for (int i = 0; i < batches; i++) {
      out.get(i % n).values.add((long) i);
    }
    return out;
  }

  private static List<Long> drain(BatchStream s) {
    List<Long> out = new ArrayList<>();
    try (s) {
      VectorSchemaRoot b;
      while ((b = s.next()) != null) {
        try (VectorSchemaRoot batch = b) {
          out.add(((BigIntVector) batch.getVector(0)).get(0));
        }
      }
      assertNull(s.next());
    }
    return out;
  }

  @Test
  void batchesComeOutInTheBlocksOrderEachOnce() {
    for (int n = 1; n <= 4; n++) {
      for (int batches = 0; batches <= 9; batches++) {
        List<FakeStripe> stripes = stripes(batches, n);
        StripedBlockStream s = new StripedBlockStream(stripes);
        assertEquals(SCHEMA, s.schema());
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < batches; i++) {
          expected.add(i);
        }
        assertEquals(expected, drain(s), n + " stripes, " + batches + " batches");
        assertTrue(stripes.stream().allMatch(f -> f.closed), "every stripe closed");
      }
    }
  }

  @Test
  void anErrorOnAnyStripeFailsTheReadAndClosesAll() {
    for (int failing = 0; failing < 3; failing++) {
      List<FakeStripe> stripes = stripes(7, 3);
      stripes.get(failing).failAfter = 1;
      StripedBlockStream s = new StripedBlockStream(stripes);
      RuntimeException e = assertThrows(RuntimeException.class, () -> drain(s));
      assertEquals("stripe broke", e.getMessage());
      assertTrue(stripes.stream().allMatch(f -> f.closed), "every stripe closed");
    }
  }

  @Test
  void stripesThatDisagreeAboutTheEndFail() {
    List<FakeStripe> stripes = stripes(6, 3);
    stripes.get(1).values.clear(); // stripe 1 ends first, but stripes 0 and 2 still have batches
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> drain(new StripedBlockStream(stripes)));
    assertTrue(e.getMessage().contains("has more batches"), e.getMessage());
  }

  /** One stripe's stream: its values as one-row batches, optionally failing after some. */
  private final class FakeStripe implements BatchStream {
    final Deque<Long> values = new ArrayDeque<>();
    int failAfter = -1;
    int served;
    boolean closed;

    @Override
    public Schema schema() {
      return SCHEMA;
    }

    @Override
    public VectorSchemaRoot next() {
      if (served == failAfter) {
        throw new IllegalStateException("stripe broke");
      }
      Long v = values.poll();
      if (v == null) {
        return null;
      }
      served++;
      VectorSchemaRoot b = VectorSchemaRoot.create(SCHEMA, root);
      BigIntVector x = (BigIntVector) b.getVector(0);
      x.allocateNew(1);
      x.set(0, v);
      b.setRowCount(1);
      return b;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
