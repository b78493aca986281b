package io.quiver.udf.torchscript;

import java.util.Arrays;

/**
 * How a column of tensors of one shape becomes the model's input batch: which dimensions the NDArray
 * gets, whether HWC images are transposed to CHW, and how many channels there are.
 *
 * @param rowShape the per-row tensor shape as stored
 * @param batchShape the NDArray shape built from the flat values, batch dimension first
 * @param hwc true when the batch is (N,H,W,C) and must become (N,C,H,W)
 */
record ModelInput(int[] rowShape, long[] batchShape, boolean hwc) {

  /**
   * [H,W] gets a channel: (N,1,H,W). A 3-D tensor is an HWC image when {@code layout} says so, or, with
   * {@code auto}, when its last dimension is 1, 3 or 4 and its first is not (read_images gives
   * {@code [H,W,3]} for colour images). Anything else is passed with just the batch dimension added.
   */
  static ModelInput of(int[] rowShape, String layout, int rows) {
    long[] batch = new long[rowShape.length + 1];
    batch[0] = rows;
    for (int d = 0; d < rowShape.length; d++) {
      batch[d + 1] = rowShape[d];
    }
    if (rowShape.length == 2) {
      return new ModelInput(rowShape, new long[] {rows, 1, rowShape[0], rowShape[1]}, false);
    }
    boolean hwc = rowShape.length == 3 && (layout.equals("hwc")
        || (layout.equals("auto") && isChannelCount(rowShape[2]) && !isChannelCount(rowShape[0])));
    return new ModelInput(rowShape, batch, hwc);
  }

  /** Channels of the (N,C,...) tensor the model sees, or -1 when there is no channel dimension. */
  int channels() {
    if (rowShape.length == 2) {
      return 1;
    }
    if (hwc) {
      return rowShape[2];
    }
    return rowShape.length == 3 ? rowShape[0] : -1;
  }

  private static boolean isChannelCount(int d) {
    return d == 1 || d == 3 || d == 4;
  }

  @Override
  public String toString() {
    return Arrays.toString(rowShape) + (hwc ? " (HWC)" : "");
  }
}
