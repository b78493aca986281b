package io.quiver.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.QuiverException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Execution is lazy and stops early: a LIMIT over a big folder of images reads only a few files (a
 * corrupt file at the end of the folder is never touched), nothing is decoded before the first batch, and
 * every statement lists its folder anew (once: the listing planning made is the one execution reads).
 */
class LazyStreamingTest {
  @TempDir
  static Path dir;

  @BeforeAll
  static void writeImages() throws IOException {
    BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
    for (int i = 0; i < 2000; i++) {
      ImageIO.write(img, "png", dir.resolve(String.format("a_%04d.png", i)).toFile());
    }
    Files.write(dir.resolve("z_corrupt.png"), new byte[] {1, 2, 3, 4});
  }

  private static long count(StatementResult r) {
    long n = 0;
    VectorSchemaRoot b;
    while ((b = r.stream().next()) != null) {
      n += b.getRowCount();
      b.close();
    }
    return n;
  }

  @Test
  void limitReadsOnlyAFewFiles() {
    try (QuiverEngine engine = new QuiverEngine(); Session s = engine.newSession();
        StatementResult r = s.execute("SELECT * FROM read_images('" + dir + "') LIMIT 3")) {
      assertEquals(3, count(r));
    }
  }

  @Test
  void readingEverythingReachesTheCorruptFileAndNamesIt() {
    try (QuiverEngine engine = new QuiverEngine(); Session s = engine.newSession()) {
      QuiverException e = assertThrows(QuiverException.class, () -> {
        // COUNT(image), not COUNT(*): a count of rows needs no decoding, so it would not touch the file.
        try (StatementResult r = s.execute("SELECT COUNT(image) FROM read_images('" + dir + "')")) {
          count(r);
        }
      });
      assertTrue(e.getMessage().contains("z_corrupt.png"), e.getMessage());
    }
  }

  @Test
  void nothingIsReadBeforeTheFirstBatch(@TempDir Path late) throws IOException {
    Files.copy(dir.resolve("a_0000.png"), late.resolve("a.png"));
    Files.copy(dir.resolve("a_0001.png"), late.resolve("b.png"));
    try (QuiverEngine engine = new QuiverEngine(); Session s = engine.newSession();
        StatementResult r = s.execute("SELECT COUNT(image) FROM read_images('" + late + "')")) {
      // Planning listed the folder and read the first header (the statement reads the files its schema
      // came from); decoding waits for the first batch, so a file spoiled now fails the query then.
      Files.write(late.resolve("b.png"), new byte[] {1, 2, 3, 4});
      QuiverException e = assertThrows(QuiverException.class, () -> r.stream().next());
      assertTrue(e.getMessage().contains("b.png"), e.getMessage());
    }
  }

  @Test
  void eachStatementListsTheFolderAnew(@TempDir Path late) throws IOException {
    Files.copy(dir.resolve("a_0000.png"), late.resolve("a.png"));
    try (QuiverEngine engine = new QuiverEngine(); Session s = engine.newSession()) {
      String sql = "SELECT COUNT(*) FROM read_images('" + late + "')";
      try (StatementResult r = s.execute(sql)) {
        assertEquals(1, firstLong(r));
      }
      Files.copy(dir.resolve("a_0001.png"), late.resolve("b.png"));
      try (StatementResult r = s.execute(sql)) {
        assertEquals(2, firstLong(r));
      }
    }
  }

  private static long firstLong(StatementResult r) {
    VectorSchemaRoot b = r.stream().next();
    try {
      return ((org.apache.arrow.vector.BigIntVector) b.getVector(0)).get(0);
    } finally {
      b.close();
    }
  }
}
