package io.quiver.executor.source.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.ExecContext;
import io.quiver.executor.QuiverException;
import io.quiver.executor.source.ScanSpec;
import io.quiver.executor.source.SourceTestSupport;
import io.quiver.executor.source.Sources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sizes, errors, extensions and argument checking of read_images. */
class ReadImagesOptionsTest {
  @TempDir Path dir;
  private RootAllocator allocator;
  private ExecContext ctx;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
    ctx = SourceTestSupport.context(allocator, Map.of());
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  private String message(Runnable r) {
    return assertThrows(QuiverException.class, r::run).getMessage();
  }

  @Test
  void imagesOfAnotherSizeAreAnErrorWithoutSizeAndResizedWithIt() throws Exception {
    TestImages.write(dir.resolve("a.png"), TestImages.gray(8, 8, 10), "png");
    TestImages.write(dir.resolve("b.png"), TestImages.gray(6, 10, 100), "png");
    String m = message(() -> TestImages.read(ctx, dir));
    assertTrue(m.contains("b.png") && m.contains("[6, 10]") && m.contains("[8, 8]") && m.contains("a.png")
        && m.contains("size => '8x8'"), m);

    TestImages.Result r = TestImages.read(ctx, dir, "size", "4x5");
    assertArrayEquals(new int[] {4, 5}, r.shape());
    assertEquals(2, r.images().size());
    for (byte b : r.images().get(0)) {
      assertEquals(10, b);
    }
    for (byte b : r.images().get(1)) {
      assertEquals(100, b);
    }
    assertArrayEquals(new int[] {3, 3, 3}, TestImages.read(ctx, dir, "size", "3", "mode", "RGB").shape());
  }

  @Test
  void bilinearResizeSamplesAtPixelCenters() {
    byte[] out = BilinearResize.resize(new byte[] {0, (byte) 255}, 1, 2, 1, 1, 4);
    assertArrayEquals(new byte[] {0, 64, (byte) 191, (byte) 255}, out);
    byte[] rgb = BilinearResize.resize(new byte[] {10, 20, 30}, 1, 1, 3, 2, 2);
    assertArrayEquals(new byte[] {10, 20, 30, 10, 20, 30, 10, 20, 30, 10, 20, 30}, rgb);
  }

  @Test
  void corruptFilesFailNamingTheFileOrAreSkippedAndCounted() throws Exception {
    TestImages.write(dir.resolve("a.png"), TestImages.gray(4, 4, 1), "png");
    Files.write(dir.resolve("b.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3, 4});
    byte[] good = Files.readAllBytes(TestImages.write(dir.resolve("c.png"), TestImages.gray(4, 4, 3), "png"));
    Files.write(dir.resolve("d.png"), Arrays.copyOf(good, good.length / 2)); // truncated
    Files.writeString(dir.resolve("e.jpg"), "not a jpeg at all");

    String m = message(() -> TestImages.read(ctx, dir));
    assertTrue(m.contains("b.png") && m.contains("cannot decode") && m.contains("on_error => 'skip'"), m);

    TestImages.Result r = TestImages.read(ctx, dir, "on_error", "skip");
    assertEquals(2, r.images().size());
    assertEquals(1, r.images().get(0)[0]);
    assertEquals(3, r.images().get(1)[0]);
    assertEquals(3, r.source().filesSkipped());
    assertEquals(5, r.source().filesOpened());

    // Counting rows decodes too under 'skip', so COUNT(*) agrees with the rows a full read returns.
    ReadImagesSource source = (ReadImagesSource) Sources.create("read_images",
        Map.of("path", dir.toString(), "on_error", "skip", "include_paths", true));
    long rows = SourceTestSupport.scan(source, new ScanSpec(new int[0], List.of(), -1), ctx, b -> { });
    assertEquals(2, rows);
  }

  @Test
  void aCorruptFirstFileBreaksTheSchemaUnlessSkipped() throws Exception {
    Files.writeString(dir.resolve("0.png"), "garbage");
    TestImages.write(dir.resolve("1.png"), TestImages.gray(2, 3, 5), "png");
    String m = message(() -> Sources.create("read_images", Map.of("path", dir.toString())).schema());
    assertTrue(m.contains("0.png"), m);
    TestImages.Result r = TestImages.read(ctx, dir, "on_error", "skip");
    assertArrayEquals(new int[] {2, 3}, r.shape());
    assertEquals(1, r.images().size());
  }

  @Test
  void emptyFoldersNeedSizeAndMode() throws Exception {
    Files.createDirectories(dir.resolve("empty"));
    Files.writeString(dir.resolve("empty/readme.txt"), "no images here");
    String m = message(() -> TestImages.read(ctx, dir.resolve("empty")));
    assertTrue(m.contains("no image files") && m.contains("size =>"), m);
    TestImages.Result r = TestImages.read(ctx, dir.resolve("empty"), "size", "2x2", "mode", "L");
    assertEquals(0, r.images().size());
    assertArrayEquals(new int[] {2, 2}, r.shape());
  }

  @Test
  void fileExtensionsChooseWhatIsListed() throws Exception {
    TestImages.write(dir.resolve("a.png"), TestImages.gray(2, 2, 1), "png");
    TestImages.write(dir.resolve("b.PNG"), TestImages.gray(2, 2, 2), "png");
    TestImages.write(dir.resolve("c.img"), TestImages.gray(2, 2, 3), "png");
    Files.writeString(dir.resolve("notes.txt"), "skip me");
    assertEquals(2, TestImages.read(ctx, dir).images().size());
    TestImages.Result only = TestImages.read(ctx, dir, "file_extensions", ".img");
    assertEquals(1, only.images().size());
    assertEquals(3, only.images().get(0)[0]);
  }

  @Test
  void badArgumentsAreClearErrors() {
    String path = dir.toString();
    assertTrue(message(() -> Sources.create("read_images", Map.of("path", path, "mode", "CMYK")))
        .contains("'mode' must be one of 'L', 'RGB', 'RGBA'"));
    assertTrue(message(() -> Sources.create("read_images", Map.of("path", path, "size", "0x3")))
        .contains("'size'"));
    assertTrue(message(() -> Sources.create("read_images", Map.of("path", path, "shuffle", "rows")))
        .contains("'shuffle'"));
    assertTrue(message(() -> Sources.create("read_images", Map.of("path", path, "on_error", "ignore")))
        .contains("'on_error'"));
    assertTrue(message(() -> Sources.create("read_images", Map.of("path", path, "colour", "RGB")))
        .contains("unknown argument"));
    assertTrue(message(() -> Sources.create("read_images", Map.of("path", path + "/missing")).schema())
        .contains("no such file or directory"));
  }
}
