package io.quiver.executor.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Cutting a text anywhere into ranges yields each line exactly once, in order. */
class LineRangeInputStreamTest {
  private static byte[] read(byte[] text, long start, long end) throws IOException {
    InputStream in = new ByteArrayInputStream(text);
    in.skipNBytes(Math.min(text.length, Math.max(0, start - 1)));
    try (InputStream range = new LineRangeInputStream(in, start, end)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[3]; // small reads cross the boundary logic's every branch
      for (int n = range.read(buf); n >= 0; n = range.read(buf)) {
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    }
  }

  /** The concatenation of the ranges cut at {@code cuts} (and the last one open-ended). */
  private static String readInRanges(byte[] text, long... cuts) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    long start = 0;
    for (int i = 0; i <= cuts.length; i++) {
      long end = i < cuts.length ? cuts[i] : FileRangeSplit.TO_END;
      all.write(read(text, start, end));
      start = end;
    }
    return all.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everyPairOfCutPointsGivesTheWholeTextBack() throws IOException {
    for (String text : new String[] {"a,1\nbb,22\n\nccc,333\r\ndddd,4444\nlast,no newline",
        "x\n", "\n\n\n", "one line only", "héllo,wörld\r\n€,✓\r\n", ""}) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      for (int a = 0; a <= bytes.length + 1; a++) {
        for (int b = a; b <= bytes.length + 2; b++) {
          assertEquals(text, readInRanges(bytes, a, b), "cuts at " + a + " and " + b + " of " + Arrays.toString(bytes));
        }
      }
    }
  }

  @Test
  void aRangeHoldsTheLinesThatStartInIt() throws IOException {
    byte[] text = "aaaa\nbbbb\ncccc\n".getBytes(StandardCharsets.UTF_8);
    assertEquals("aaaa\n", new String(read(text, 0, 1), StandardCharsets.UTF_8));
    assertEquals("aaaa\n", new String(read(text, 0, 5), StandardCharsets.UTF_8));
    assertEquals("aaaa\nbbbb\n", new String(read(text, 0, 6), StandardCharsets.UTF_8));
    assertEquals("bbbb\n", new String(read(text, 5, 10), StandardCharsets.UTF_8));
    assertEquals("cccc\n", new String(read(text, 6, 11), StandardCharsets.UTF_8));
    assertEquals("", new String(read(text, 6, 10), StandardCharsets.UTF_8));
    assertEquals("", new String(read(text, 15, FileRangeSplit.TO_END), StandardCharsets.UTF_8));
  }

  @Test
  void aCrlfSplitBetweenItsBytesBelongsToTheLineBefore() throws IOException {
    byte[] text = "ab\r\ncd\r\n".getBytes(StandardCharsets.UTF_8);
    assertEquals("ab\r\n", new String(read(text, 0, 3), StandardCharsets.UTF_8));
    assertEquals("cd\r\n", new String(read(text, 3, FileRangeSplit.TO_END), StandardCharsets.UTF_8));
  }
}
