package io.quiver.executor.source.image;

import java.util.Locale;

/** The pixel layouts {@code read_images} produces: grayscale, RGB and RGBA, 8 bits per channel. */
public enum ImageMode {
  /** Grayscale: tensors of shape [H, W]. */
  L(1),
  /** Red, green, blue: tensors of shape [H, W, 3]. */
  RGB(3),
  /** Red, green, blue, alpha (not premultiplied): tensors of shape [H, W, 4]. */
  RGBA(4);

  private final int channels;

  ImageMode(int channels) {
    this.channels = channels;
  }

  public int channels() {
    return channels;
  }

  /** The tensor shape of an image of this mode. */
  public int[] shape(int height, int width) {
    return this == L ? new int[] {height, width} : new int[] {height, width, channels};
  }

  /** The mode named {@code s} ('L', 'RGB', 'RGBA', any case), or null if it names none. */
  static ImageMode parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
