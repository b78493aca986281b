package io.quiver.executor.source.parquet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.junit.jupiter.api.Test;

/**
 * The hybrid decoder returns what Parquet-MR's encoder wrote, for every bit width, mixed RLE and
 * bit-packed runs, reads of odd sizes (through its chunk and straight into the caller's array), and
 * run skipping.
 */
class HybridDecoderTest {
  private static ByteBuffer encode(int[] values, int bitWidth) throws IOException {
    try (RunLengthBitPackingHybridEncoder e = new RunLengthBitPackingHybridEncoder(bitWidth, 64, 1 << 20,
        new HeapByteBufferAllocator())) {
      for (int v : values) {
        e.writeInt(v);
      }
      return ByteBuffer.wrap(e.toBytes().toByteArray());
    }
  }

  @Test
  void decodesEveryBitWidthInChunksOfAnySize() throws IOException {
    Random r = new Random(42);
    for (int width = 1; width <= 32; width++) {
      int[] values = new int[5000];
      long bound = 1L << width;
      for (int i = 0; i < values.length; i++) {
        // Stretches of repeats (RLE runs) between random values (bit-packed runs).
        values[i] = (i / 300) % 2 == 0 ? (int) (r.nextLong() & (bound - 1)) : (int) ((i / 300) % bound);
      }
      HybridDecoder d = new HybridDecoder(encode(values, width), width);
      int[] out = new int[values.length];
      int at = 0;
      while (at < values.length) {
        int n = Math.min(values.length - at, 1 + r.nextInt(700));
        d.read(out, at, n);
        at += n;
      }
      assertArrayEquals(values, out, "bit width " + width);
    }
  }

  @Test
  void skipsOnlyWholeRunsOfTheAskedValue() throws IOException {
    int[] values = new int[1000];
    java.util.Arrays.fill(values, 0, 600, 1);
    for (int i = 600; i < 1000; i++) {
      values[i] = i % 2;
    }
    HybridDecoder d = new HybridDecoder(encode(values, 1), 1);
    assertTrue(!d.skipRun(0, 10));
    assertTrue(d.skipRun(1, 500));
    assertTrue(!d.skipRun(1, 200)); // only 100 left in the run
    int[] out = new int[500];
    d.read(out, 0, 500);
    assertArrayEquals(java.util.Arrays.copyOfRange(values, 500, 1000), out);
  }
}
