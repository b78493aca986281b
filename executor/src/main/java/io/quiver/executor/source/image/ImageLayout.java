package io.quiver.executor.source.image;

import io.quiver.udf.tensor.FixedShapeTensorType;
import io.quiver.executor.QuiverException;
import java.util.Arrays;

/**
 * The one shape every image of a {@code read_images} scan gets: its mode and size, from the arguments
 * or from the header of {@code firstFile} (null when the arguments said it all).
 */
record ImageLayout(ImageMode mode, int height, int width, String firstFile) {
  ImageLayout {
    if ((long) height * width * mode.channels() > Integer.MAX_VALUE) {
      throw new QuiverException(ImageOptions.NAME + ": images of " + height + "x" + width + " pixels"
          + (firstFile == null ? "" : " (from '" + firstFile + "')")
          + " are too large for one tensor. Pass size => 'HxW' to read them scaled down.");
    }
  }

  FixedShapeTensorType tensorType() {
    return FixedShapeTensorType.uint8(mode.shape(height, width));
  }

  /** Bytes of one image tensor. */
  int bytes() {
    return height * width * mode.channels();
  }

  /** The error for an image whose size differs from the layout when no {@code size} was given. */
  QuiverException sizeMismatch(String file, int h, int w) {
    return new QuiverException(ImageOptions.NAME + ": image file '" + file
        + "' has shape " + Arrays.toString(mode.shape(h, w)) + " but the images of this table have shape "
        + Arrays.toString(mode.shape(height, width))
        + (firstFile == null ? "" : " (from the first file, '" + firstFile + "')")
        + ". Pass size => '" + height + "x" + width + "' to resize every image to one size.");
  }
}
