package io.quiver.shell;

import io.quiver.udf.tensor.FixedShapeTensorType;
import io.quiver.udf.tensor.FixedShapeTensorVector;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Draws small images in the terminal with Unicode upper half blocks: each character cell shows two
 * pixels, the upper one as the foreground colour of '▀' and the lower one as its background. Images
 * are UINT8 tensors shaped [H,W] (grayscale) or [H,W,C] with C = 1, 3 (RGB) or 4 (RGBA); larger ones are
 * scaled down by averaging. Colours are 24-bit, or the nearest of xterm's 256.
 */
final class ImagePreview {
  /** How the terminal takes colours; NONE draws nothing. */
  enum Colors { NONE, XTERM_256, TRUE_COLOR }

  /** Images are drawn at most this many cells wide and high (a 28x28 digit: 28 x 14). */
  static final int MAX_COLS = 32;
  static final int MAX_LINES = 16;

  /** An image as packed 0xRRGGBB pixels, with a caption. */
  record Image(String caption, int height, int width, int[] rgb) {}

  private ImagePreview() {}

  /** True for a column an image preview can draw. */
  static boolean isImage(Field f) {
    if (!(f.getType() instanceof FixedShapeTensorType t)) {
      return false;
    }
    int[] s = t.shape();
    boolean uint8 = t.elementType() instanceof ArrowType.Int i && i.getBitWidth() == 8 && !i.getIsSigned();
    return uint8 && (s.length == 2 || (s.length == 3 && (s[2] == 1 || s[2] == 3 || s[2] == 4)))
        && s[0] > 0 && s[1] > 0;
  }

  /** The image in {@code row} of an image column (see {@link #isImage}), or null if the value is NULL. */
  static Image grab(FieldVector column, int row, String caption) {
    if (!(column instanceof FixedShapeTensorVector v) || v.isNull(row)) {
      return null;
    }
    int[] s = v.tensorType().shape();
    int h = s[0];
    int w = s[1];
    int c = s.length == 3 ? s[2] : 1;
    UInt1Vector e = (UInt1Vector) v.elements();
    int base = row * v.tensorType().size();
    int[] rgb = new int[h * w];
    for (int p = 0; p < h * w; p++) {
      int i = base + p * c;
      int r = e.isNull(i) ? 0 : e.get(i) & 0xFF;
      if (c >= 3) {
        int g = e.get(i + 1) & 0xFF;
        int b = e.get(i + 2) & 0xFF;
        rgb[p] = (r << 16) | (g << 8) | b;
      } else {
        rgb[p] = (r << 16) | (r << 8) | r;
      }
    }
    return new Image(caption, h, w, rgb);
  }

  /** The images side by side, as many per band as fit in {@code width} columns, each under its caption. */
  static List<String> render(List<Image> images, Colors colors, int width) {
    List<String> out = new ArrayList<>();
    if (colors == Colors.NONE || images.isEmpty()) {
      return out;
    }
    List<List<String>> drawn = new ArrayList<>();
    for (Image img : images) {
      drawn.add(draw(img, colors));
    }
    int i = 0;
    while (i < images.size()) {
      int used = 0;
      int j = i;
      while (j < images.size() && (j == i || used + 2 + cols(images.get(j)) <= width)) {
        used += (j == i ? 0 : 2) + cols(images.get(j));
        j++;
      }
      int lines = 0;
      for (int k = i; k < j; k++) {
        lines = Math.max(lines, drawn.get(k).size());
      }
      StringBuilder caption = new StringBuilder();
      for (int k = i; k < j; k++) {
        caption.append(k == i ? "" : "  ").append(pad(images.get(k).caption(), cols(images.get(k))));
      }
      out.add(caption.toString().stripTrailing());
      for (int l = 0; l < lines; l++) {
        StringBuilder sb = new StringBuilder();
        for (int k = i; k < j; k++) {
          List<String> d = drawn.get(k);
          sb.append(k == i ? "" : "  ").append(l < d.size() ? d.get(l) : " ".repeat(cols(images.get(k))));
        }
        out.add(sb.toString());
      }
      i = j;
    }
    return out;
  }

  /** The scale-down factor: whole pixels per cell so the image fits MAX_COLS x MAX_LINES. */
  private static int factor(Image img) {
    return Math.max(1, Math.max(ceilDiv(img.width(), MAX_COLS), ceilDiv(img.height(), 2 * MAX_LINES)));
  }

  static int cols(Image img) {
    return ceilDiv(img.width(), factor(img));
  }

  private static List<String> draw(Image img, Colors colors) {
    int f = factor(img);
    int w = ceilDiv(img.width(), f);
    int h = ceilDiv(img.height(), f);
    int[] px = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        px[y * w + x] = average(img, x * f, y * f, f);
      }
    }
    List<String> lines = new ArrayList<>();
    for (int y = 0; y < h; y += 2) {
      StringBuilder sb = new StringBuilder();
      for (int x = 0; x < w; x++) {
        sb.append(color(px[y * w + x], colors, true));
        if (y + 1 < h) {
          sb.append(color(px[(y + 1) * w + x], colors, false));
        } else {
          sb.append("\033[49m");
        }
        sb.append('▀');
      }
      lines.add(sb.append("\033[0m").toString());
    }
    return lines;
  }

  private static int average(Image img, int x0, int y0, int f) {
    long r = 0;
    long g = 0;
    long b = 0;
    int n = 0;
    for (int y = y0; y < Math.min(img.height(), y0 + f); y++) {
      for (int x = x0; x < Math.min(img.width(), x0 + f); x++) {
        int p = img.rgb()[y * img.width() + x];
        r += (p >> 16) & 0xFF;
        g += (p >> 8) & 0xFF;
        b += p & 0xFF;
        n++;
      }
    }
    return (int) (r / n) << 16 | (int) (g / n) << 8 | (int) (b / n);
  }

  private static String color(int rgb, Colors colors, boolean foreground) {
    int r = (rgb >> 16) & 0xFF;
    int g = (rgb >> 8) & 0xFF;
    int b = rgb & 0xFF;
    String layer = foreground ? "38" : "48";
    if (colors == Colors.TRUE_COLOR) {
      return "\033[" + layer + ";2;" + r + ";" + g + ";" + b + "m";
    }
    return "\033[" + layer + ";5;" + xterm256(r, g, b) + "m";
  }

  /** The nearest xterm-256 colour: the 24-step gray ramp for grays, else the 6x6x6 cube. */
  static int xterm256(int r, int g, int b) {
    if (Math.abs(r - g) < 10 && Math.abs(g - b) < 10) {
      int gray = (r + g + b) / 3;
      if (gray < 4) {
        return 16; // black of the cube
      }
      if (gray > 246) {
        return 231; // white of the cube
      }
      return 232 + Math.min(23, (gray - 3) / 10);
    }
    return 16 + 36 * cube(r) + 6 * cube(g) + cube(b);
  }

  private static int cube(int v) {
    return v < 48 ? 0 : v < 115 ? 1 : (v - 35) / 40;
  }

  private static String pad(String s, int width) {
    String cut = s.length() > width ? s.substring(0, Math.max(0, width - 1)) + "…" : s;
    return cut + " ".repeat(Math.max(0, width - cut.length()));
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
