package io.quiver.executor.source.image;

import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

/**
 * The size and natural mode of an image, read from its header only (no pixels are decoded), so that
 * {@code read_images} knows its schema cheaply.
 */
record ImageHeader(int height, int width, ImageMode mode) {
  static {
    ImageDecoder.configureImageIO();
  }

  /** Reads the header of the image in {@code in}; the caller closes {@code in}. */
  static ImageHeader read(InputStream in) throws IOException {
    try (ImageInputStream iis = ImageIO.createImageInputStream(in)) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
      if (!readers.hasNext()) {
        throw new IOException("not an image in a supported format (PNG, JPEG, BMP, GIF)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(iis, true, true);
        return new ImageHeader(reader.getHeight(0), reader.getWidth(0), modeOf(reader));
      } finally {
        reader.dispose();
      }
    }
  }

  private static ImageMode modeOf(ImageReader reader) throws IOException {
    ImageTypeSpecifier type = reader.getRawImageType(0);
    if (type == null) {
      Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
      type = types.hasNext() ? types.next() : null;
    }
    return type == null ? ImageMode.RGB : naturalMode(type.getColorModel());
  }

  /** Gray (also a gray palette) -> L; anything with alpha -> RGBA; other color, incl. CMYK -> RGB. */
  static ImageMode naturalMode(ColorModel cm) {
    if (cm.hasAlpha()) {
      return ImageMode.RGBA;
    }
    if (cm instanceof IndexColorModel icm) {
      return PixelConverter.isGrayPalette(icm) ? ImageMode.L : ImageMode.RGB;
    }
    return cm.getNumColorComponents() == 1 ? ImageMode.L : ImageMode.RGB;
  }
}
