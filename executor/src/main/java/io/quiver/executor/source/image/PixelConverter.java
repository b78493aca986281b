package io.quiver.executor.source.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;

/**
 * Turns a decoded image into interleaved 8-bit pixels of one {@link ImageMode}, row-major, reading the
 * raster's samples in bulk (no per-pixel objects). Source pixels are first read per row as 8-bit
 * samples in a canonical layout (1 = gray, 2 = gray+alpha, 3 = RGB, 4 = RGBA), then mapped to the mode:
 * gray from color uses the ITU-R 601 luma weights like PIL's {@code convert('L')}; 16-bit samples are
 * scaled to 8 bits. Gray is taken as stored (no linear-to-sRGB conversion, unlike {@code getRGB}).
 */
final class PixelConverter {
  private PixelConverter() {}

  /** The pixels of {@code image} in {@code mode}: {@code height * width * mode.channels()} bytes. */
  static byte[] toMode(BufferedImage image, ImageMode mode) {
    int w = image.getWidth();
    int h = image.getHeight();
    Raster raster = image.getRaster();
    byte[] packed = packedGray(raster, image.getColorModel(), w, h);
    if (packed != null && mode == ImageMode.L) {
      return packed; // 8-bit gray stored exactly as the result: no copy at all
    }
    RowReader rows = rowReader(image, raster);
    byte[] out = new byte[w * h * mode.channels()];
    int[] row = new int[w * 4];
    for (int y = 0; y < h; y++) {
      rows.read(y, row);
      convertRow(row, rows.channels(), w, out, y * w * mode.channels(), mode);
    }
    return out;
  }

  /** True if every palette entry is opaque gray (e.g. 1-, 2- or 4-bit grayscale PNGs). */
  static boolean isGrayPalette(IndexColorModel icm) {
    for (int i = 0; i < icm.getMapSize(); i++) {
      int rgb = icm.getRGB(i);
      int r = (rgb >> 16) & 0xff;
      if (r != ((rgb >> 8) & 0xff) || r != (rgb & 0xff) || (rgb >>> 24) != 0xff) {
        return false;
      }
    }
    return true;
  }

  /** The backing array if it already is w*h tightly packed 8-bit gray samples, else null. */
  private static byte[] packedGray(Raster r, ColorModel cm, int w, int h) {
    if (!(cm instanceof ComponentColorModel) || cm.getNumComponents() != 1
        || !(r.getDataBuffer() instanceof DataBufferByte db) || db.getNumBanks() != 1
        || !(r.getSampleModel() instanceof ComponentSampleModel sm) || sm.getPixelStride() != 1
        || sm.getScanlineStride() != w || sm.getSampleSize(0) != 8
        || r.getSampleModelTranslateX() != 0 || r.getSampleModelTranslateY() != 0
        || db.getOffset() != 0 || sm.getBandOffsets()[0] != 0 || db.getData().length != w * h) {
      return null;
    }
    return db.getData();
  }

  /** Reads one row of pixels as 8-bit samples, {@link #channels()} per pixel. */
  private interface RowReader {
    int channels();

    void read(int y, int[] out);
  }

  private static RowReader rowReader(BufferedImage image, Raster raster) {
    ColorModel cm = image.getColorModel();
    int w = image.getWidth();
    if (cm instanceof IndexColorModel icm && raster.getNumBands() == 1) {
      return indexed(icm, raster, w);
    }
    if (cm instanceof ComponentColorModel && !cm.isAlphaPremultiplied()
        && raster.getNumBands() == cm.getNumComponents()
        && (raster.getTransferType() == DataBuffer.TYPE_BYTE || raster.getTransferType() == DataBuffer.TYPE_USHORT)) {
      int type = cm.getColorSpace().getType();
      int colors = cm.getNumColorComponents();
      if ((type == ColorSpace.TYPE_GRAY && colors == 1) || (type == ColorSpace.TYPE_RGB && colors == 3)) {
        return components(raster, w);
      }
    }
    return argb(image, w); // packed ints, premultiplied, CMYK, ...: let Java2D convert to sRGB
  }

  /** Gray / gray+alpha / RGB / RGBA samples, in the color model's order, scaled to 8 bits. */
  private static RowReader components(Raster raster, int w) {
    int bands = raster.getNumBands();
    SampleModel sm = raster.getSampleModel();
    if (raster.getDataBuffer() instanceof DataBufferByte db && db.getNumBanks() == 1
        && sm instanceof ComponentSampleModel csm) {
      byte[] data = db.getData();
      int stride = csm.getScanlineStride();
      int pixel = csm.getPixelStride();
      int[] bandOffsets = csm.getBandOffsets();
      int base = db.getOffset() - raster.getSampleModelTranslateY() * stride
          - raster.getSampleModelTranslateX() * pixel;
      return new RowReader() {
        @Override public int channels() {
          return bands;
        }

        @Override public void read(int y, int[] out) {
          int row = base + y * stride;
          for (int b = 0; b < bands; b++) {
            for (int x = 0, i = row + bandOffsets[b], o = b; x < w; x++, i += pixel, o += bands) {
              out[o] = data[i] & 0xff;
            }
          }
        }
      };
    }
    int[] max = new int[bands];
    for (int b = 0; b < bands; b++) {
      max[b] = (1 << sm.getSampleSize(b)) - 1;
    }
    return new RowReader() {
      @Override public int channels() {
        return bands;
      }

      @Override public void read(int y, int[] out) {
        raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, out);
        for (int i = 0, n = w * bands; i < n; i++) {
          int m = max[i % bands];
          out[i] = m == 255 ? out[i] : (int) ((out[i] * 255L + m / 2) / m);
        }
      }
    };
  }

  /** Palette images: indices mapped through the palette to gray, RGB or RGBA. */
  private static RowReader indexed(IndexColorModel icm, Raster raster, int w) {
    int size = icm.getMapSize();
    int[] palette = new int[size];
    icm.getRGBs(palette);
    int channels = icm.hasAlpha() ? 4 : isGrayPalette(icm) ? 1 : 3;
    return new RowReader() {
      @Override public int channels() {
        return channels;
      }

      @Override public void read(int y, int[] out) {
        raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, out);
        // Expand in place from the back, so indices are read before their slots are overwritten.
        for (int x = w - 1; x >= 0; x--) {
          int argb = palette[Math.min(out[x], size - 1)];
          writeArgb(argb, channels, out, x * channels);
        }
      }
    };
  }

  /** Anything else through {@link BufferedImage#getRGB}, which converts to non-premultiplied sRGB. */
  private static RowReader argb(BufferedImage image, int w) {
    int channels = image.getColorModel().hasAlpha() ? 4 : 3;
    int[] argb = new int[w];
    return new RowReader() {
      @Override public int channels() {
        return channels;
      }

      @Override public void read(int y, int[] out) {
        image.getRGB(0, y, w, 1, argb, 0, w);
        for (int x = 0; x < w; x++) {
          writeArgb(argb[x], channels, out, x * channels);
        }
      }
    };
  }

  private static void writeArgb(int argb, int channels, int[] out, int o) {
    if (channels == 1) {
      out[o] = argb & 0xff;
      return;
    }
    out[o] = (argb >> 16) & 0xff;
    out[o + 1] = (argb >> 8) & 0xff;
    out[o + 2] = argb & 0xff;
    if (channels == 4) {
      out[o + 3] = argb >>> 24;
    }
  }

  /** Maps one row of canonical samples ({@code src} channels per pixel) to {@code mode}. */
  static void convertRow(int[] row, int src, int w, byte[] out, int offset, ImageMode mode) {
    int o = offset;
    boolean color = src >= 3;
    boolean alpha = src == 2 || src == 4;
    for (int x = 0, i = 0; x < w; x++, i += src) {
      int r = row[i];
      int g = color ? row[i + 1] : r;
      int b = color ? row[i + 2] : r;
      if (mode == ImageMode.L) {
        out[o++] = (byte) (color ? luma(r, g, b) : r);
      } else {
        out[o++] = (byte) r;
        out[o++] = (byte) g;
        out[o++] = (byte) b;
        if (mode == ImageMode.RGBA) {
          out[o++] = (byte) (alpha ? row[i + src - 1] : 255);
        }
      }
    }
  }

  /** ITU-R 601 luma in 16-bit fixed point, rounded: PIL's L = R*299/1000 + G*587/1000 + B*114/1000. */
  static int luma(int r, int g, int b) {
    return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
  }
}
