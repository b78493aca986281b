package io.quiver.executor.source.image;

/**
 * Bilinear resampling of interleaved 8-bit pixels, sampling at pixel centers (like OpenCV's
 * {@code INTER_LINEAR}). No anti-aliasing: strong downscaling skips detail rather than averaging it.
 */
final class BilinearResize {
  private BilinearResize() {}

  static byte[] resize(byte[] src, int srcH, int srcW, int channels, int dstH, int dstW) {
    int[] x0 = new int[dstW];
    int[] x1 = new int[dstW];
    float[] fx = new float[dstW];
    axis(srcW, dstW, x0, x1, fx);
    int[] y0 = new int[dstH];
    int[] y1 = new int[dstH];
    float[] fy = new float[dstH];
    axis(srcH, dstH, y0, y1, fy);
    byte[] dst = new byte[dstH * dstW * channels];
    int o = 0;
    for (int y = 0; y < dstH; y++) {
      int top = y0[y] * srcW * channels;
      int bottom = y1[y] * srcW * channels;
      float wy = fy[y];
      for (int x = 0; x < dstW; x++) {
        int left = x0[x] * channels;
        int right = x1[x] * channels;
        float wx = fx[x];
        for (int c = 0; c < channels; c++) {
          float t = lerp(src[top + left + c] & 0xff, src[top + right + c] & 0xff, wx);
          float b = lerp(src[bottom + left + c] & 0xff, src[bottom + right + c] & 0xff, wx);
          dst[o++] = (byte) (int) (lerp(t, b, wy) + 0.5f);
        }
      }
    }
    return dst;
  }

  /** For each destination index: the two source indexes around its center and the weight of the second. */
  private static void axis(int srcLen, int dstLen, int[] lo, int[] hi, float[] frac) {
    double scale = (double) srcLen / dstLen;
    for (int i = 0; i < dstLen; i++) {
      double s = Math.max(0, (i + 0.5) * scale - 0.5);
      int a = Math.min((int) s, srcLen - 1);
      lo[i] = a;
      hi[i] = Math.min(a + 1, srcLen - 1);
      frac[i] = (float) Math.min(1.0, s - a);
    }
  }

  private static float lerp(float a, float b, float t) {
    return a + (b - a) * t;
  }
}
