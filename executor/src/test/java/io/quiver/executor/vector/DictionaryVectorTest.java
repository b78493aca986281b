package io.quiver.executor.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;

/** Gathering rows of a dictionary-encoded column keeps its dictionary; transfers are refused. */
class DictionaryVectorTest {
  private static StringDictionary dictionary() {
    byte[] bytes = "xyz".getBytes(StandardCharsets.UTF_8);
    byte[] padded = new byte[bytes.length + StringDictionary.PADDING];
    System.arraycopy(bytes, 0, padded, 0, bytes.length);
    return new StringDictionary(padded, new int[] {0, 1, 3}); // "x", "yz"
  }

  @Test
  void takeGathersIdsAndNullsOverTheSameDictionary() {
    StringDictionary d = dictionary();
    try (RootAllocator allocator = new RootAllocator();
        DictionaryVector v = new DictionaryVector("k", d, allocator)) {
      v.allocateNew(4);
      v.set(0, 1);
      v.set(2, 0);
      v.set(3, 1);
      v.setValueCount(4);
      try (FieldVector t = Batches.take(v, new int[] {3, 1, 2, -1}, 4, allocator)) {
        DictionaryVector taken = assertInstanceOf(DictionaryVector.class, t);
        assertSame(d, taken.dictionary());
        assertEquals("k", taken.getName());
        assertEquals(1, taken.id(0));
        assertTrue(taken.isNull(1));
        assertEquals(0, taken.id(2));
        assertTrue(taken.isNull(3));
        assertEquals(4, taken.getValueCount());
      }
      assertThrows(UnsupportedOperationException.class, () -> v.getTransferPair(allocator));
    }
  }
}
