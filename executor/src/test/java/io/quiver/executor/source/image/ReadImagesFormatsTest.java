package io.quiver.executor.source.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.ExecContext;
import io.quiver.executor.source.SourceTestSupport;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Color models and file formats read_images decodes, on images generated here. */
class ReadImagesFormatsTest {
  private static final int[][] COLORS = {
    {0xff0000, 0x00ff00, 0x0000ff},
    {0x102030, 0xffffff, 0x000000},
  };

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

  /** COLORS as RGB bytes, row-major. */
  private static byte[] expectedRgb() {
    byte[] out = new byte[2 * 3 * 3];
    int o = 0;
    for (int[] row : COLORS) {
      for (int c : row) {
        out[o++] = (byte) (c >> 16);
        out[o++] = (byte) (c >> 8);
        out[o++] = (byte) c;
      }
    }
    return out;
  }

  @Test
  void rgbPngIsReadExactlyInRgbAndConvertedToGrayLikePil() throws Exception {
    Path file = TestImages.write(dir.resolve("rgb.png"), TestImages.rgb(COLORS), "png");
    TestImages.Result rgb = TestImages.read(ctx, file);
    assertArrayEquals(new int[] {2, 3, 3}, rgb.shape());
    assertArrayEquals(expectedRgb(), rgb.images().get(0));

    TestImages.Result gray = TestImages.read(ctx, file, "mode", "L");
    assertArrayEquals(new int[] {2, 3}, gray.shape());
    // PIL: L = R*299/1000 + G*587/1000 + B*114/1000, rounded.
    assertArrayEquals(new int[] {76, 150, 29, 29, 255, 0},
        new int[] {gray.pixel(0, 0), gray.pixel(0, 1), gray.pixel(0, 2), gray.pixel(0, 3), gray.pixel(0, 4), gray.pixel(0, 5)});

    TestImages.Result rgba = TestImages.read(ctx, file, "mode", "RGBA");
    assertArrayEquals(new int[] {2, 3, 4}, rgba.shape());
    assertEquals(0x10, rgba.pixel(0, 3 * 4));
    assertEquals(255, rgba.pixel(0, 3 * 4 + 3));
  }

  @Test
  void rgbaPngKeepsStraightAlpha() throws Exception {
    BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
    img.setRGB(0, 0, 0x80ff8040);
    img.setRGB(1, 0, 0x00000000);
    Path file = TestImages.write(dir.resolve("rgba.png"), img, "png");
    TestImages.Result r = TestImages.read(ctx, file);
    assertArrayEquals(new int[] {1, 2, 4}, r.shape());
    assertArrayEquals(new byte[] {(byte) 0xff, (byte) 0x80, 0x40, (byte) 0x80, 0, 0, 0, 0}, r.images().get(0));
    TestImages.Result rgb = TestImages.read(ctx, file, "mode", "RGB");
    assertArrayEquals(new byte[] {(byte) 0xff, (byte) 0x80, 0x40, 0, 0, 0}, rgb.images().get(0));
  }

  @Test
  void grayPngIsModeLAndExpandsToRgb() throws Exception {
    BufferedImage img = TestImages.gray(2, 2, 7);
    img.getRaster().setSample(1, 1, 0, 250);
    Path file = TestImages.write(dir.resolve("g.png"), img, "png");
    TestImages.Result l = TestImages.read(ctx, file);
    assertArrayEquals(new int[] {2, 2}, l.shape());
    assertArrayEquals(new byte[] {7, 7, 7, (byte) 250}, l.images().get(0));
    TestImages.Result rgb = TestImages.read(ctx, file, "mode", "RGB");
    assertArrayEquals(new byte[] {7, 7, 7, 7, 7, 7, 7, 7, 7, (byte) 250, (byte) 250, (byte) 250}, rgb.images().get(0));
  }

  @Test
  void grayWithAlphaPngIsRgbaByDefault() throws Exception {
    ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
        Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
    WritableRaster raster = cm.createCompatibleWritableRaster(2, 1);
    raster.setPixels(0, 0, 2, 1, new int[] {40, 200, 90, 0});
    BufferedImage img = new BufferedImage(cm, raster, false, null);
    Path file = TestImages.write(dir.resolve("la.png"), img, "png");
    TestImages.Result r = TestImages.read(ctx, file);
    assertArrayEquals(new int[] {1, 2, 4}, r.shape());
    assertArrayEquals(new byte[] {40, 40, 40, (byte) 200, 90, 90, 90, 0}, r.images().get(0));
    assertArrayEquals(new byte[] {40, 90}, TestImages.read(ctx, file, "mode", "L").images().get(0));
  }

  @Test
  void sixteenBitGrayIsScaledToEightBits() throws Exception {
    BufferedImage img = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
    WritableRaster r = img.getRaster();
    r.setSample(0, 0, 0, 0);
    r.setSample(1, 0, 0, 65535);
    r.setSample(2, 0, 0, 128 * 257);
    Path file = TestImages.write(dir.resolve("g16.png"), img, "png");
    TestImages.Result l = TestImages.read(ctx, file);
    assertArrayEquals(new int[] {1, 3}, l.shape());
    assertArrayEquals(new byte[] {0, (byte) 255, (byte) 128}, l.images().get(0));
  }

  @Test
  void palettePngsMapThroughThePalette() throws Exception {
    IndexColorModel palette = new IndexColorModel(8, 3,
        new byte[] {(byte) 255, 0, 9}, new byte[] {0, (byte) 255, 8}, new byte[] {0, 0, 7});
    BufferedImage img = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_INDEXED, palette);
    img.getRaster().setPixels(0, 0, 3, 1, new int[] {2, 0, 1});
    Path file = TestImages.write(dir.resolve("p.png"), img, "png");
    TestImages.Result r = TestImages.read(ctx, file);
    assertArrayEquals(new int[] {1, 3, 3}, r.shape());
    assertArrayEquals(new byte[] {9, 8, 7, (byte) 255, 0, 0, 0, (byte) 255, 0}, r.images().get(0));

    // A 1-bit black-and-white image has a gray palette: mode L.
    BufferedImage bw = new BufferedImage(9, 1, BufferedImage.TYPE_BYTE_BINARY);
    bw.getRaster().setSample(8, 0, 0, 1);
    TestImages.Result b = TestImages.read(ctx, TestImages.write(dir.resolve("bw.png"), bw, "png"));
    assertArrayEquals(new int[] {1, 9}, b.shape());
    assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, (byte) 255}, b.images().get(0));
  }

  @Test
  void cmykJpegsDecodeToTheRightColors() throws Exception {
    // TwelveMonkeys' reader (right for CMYK and YCCK JPEGs) must be the one ImageIO picks.
    assertTrue(ImageIO.getImageReadersByFormatName("jpeg").next().getClass().getName().startsWith("com.twelvemonkeys"));
    Path file = TestImages.cmykJpeg(dir.resolve("cmyk.jpg"), 16, 8);
    TestImages.Result r = TestImages.read(ctx, file);
    assertArrayEquals(new int[] {8, 16, 3}, r.shape());
    int red = (3 * 16 + 2) * 3;   // row 3, column 2: red ink
    int black = (3 * 16 + 12) * 3; // row 3, column 12: black ink
    assertTrue(r.pixel(0, red) > 200 && r.pixel(0, red + 1) < 40 && r.pixel(0, red + 2) < 40,
        "red: " + r.pixel(0, red) + "," + r.pixel(0, red + 1) + "," + r.pixel(0, red + 2));
    assertTrue(r.pixel(0, black) < 40 && r.pixel(0, black + 1) < 40 && r.pixel(0, black + 2) < 40);
  }

  @Test
  void rgbJpegBmpAndGif() throws Exception {
    BufferedImage flat = TestImages.rgb(new int[][] {{0x3366cc, 0x3366cc}, {0x3366cc, 0x3366cc}});
    TestImages.Result jpg = TestImages.read(ctx, TestImages.write(dir.resolve("a.jpg"), flat, "jpg"));
    assertArrayEquals(new int[] {2, 2, 3}, jpg.shape());
    assertTrue(Math.abs(jpg.pixel(0, 0) - 0x33) <= 4 && Math.abs(jpg.pixel(0, 2) - 0xcc) <= 4);

    TestImages.Result bmp = TestImages.read(ctx, TestImages.write(dir.resolve("a.bmp"), TestImages.rgb(COLORS), "bmp"));
    assertArrayEquals(expectedRgb(), bmp.images().get(0));

    // GIF is a palette format: give the writer a palette image, so it need not quantize colors.
    IndexColorModel palette = new IndexColorModel(8, 2, new byte[] {1, (byte) 200}, new byte[] {2, 0},
        new byte[] {3, 100});
    BufferedImage indexed = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED, palette);
    indexed.getRaster().setPixels(0, 0, 2, 1, new int[] {1, 0});
    TestImages.Result gif = TestImages.read(ctx, TestImages.write(dir.resolve("a.gif"), indexed, "gif"));
    assertArrayEquals(new int[] {1, 2, 3}, gif.shape());
    assertArrayEquals(new byte[] {(byte) 200, 0, 100, 1, 2, 3}, gif.images().get(0));
  }
}
