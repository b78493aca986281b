package io.quiver.udf.torchscript;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;

/**
 * One batch in, one forward pass, labels or logits out. Normalization and the HWC → CHW transpose run
 * as tensor operations inside libtorch, on the whole batch at once.
 */
final class TorchScriptTranslator implements Translator<TorchScriptTranslator.Batch, TorchScriptTranslator.Result> {
  private static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
  private static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

  /** The rows as one flat float array; {@code fromBytes} when they were UINT8 pixels (0..255). */
  record Batch(float[] values, ModelInput input, boolean fromBytes) {}

  /** {@code labels} for argmax; {@code logits} (rows x classes, flat) otherwise. */
  record Result(int[] labels, float[] logits, long classes) {}

  private final String normalize;
  private final boolean argmax;

  TorchScriptTranslator(String normalize, boolean argmax) {
    this.normalize = normalize;
    this.argmax = argmax;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, Batch batch) {
    NDManager manager = ctx.getNDManager();
    NDArray x = manager.create(batch.values(), new Shape(batch.input().batchShape()));
    if (batch.input().hwc()) {
      x = x.transpose(0, 3, 1, 2);
    }
    if (normalize.equals("none")) {
      return new NDList(x);
    }
    // UINT8 pixels are scaled to [0,1] first, as torchvision's ToTensor does; FLOAT input is taken to be
    // in [0,1] already.
    if (batch.fromBytes()) {
      x = x.div(255f);
    }
    if (normalize.equals("mnist")) {
      x = x.sub(0.5f).div(0.5f);
    } else {
      NDArray mean = manager.create(IMAGENET_MEAN, new Shape(1, 3, 1, 1));
      NDArray std = manager.create(IMAGENET_STD, new Shape(1, 3, 1, 1));
      x = x.sub(mean).div(std);
    }
    return new NDList(x);
  }

  @Override
  public Result processOutput(TranslatorContext ctx, NDList outputs) {
    NDArray y = outputs.get(0);
    long rows = y.getShape().get(0);
    y = y.reshape(rows, -1);
    if (argmax) {
      long[] best = y.argMax(1).toLongArray();
      int[] labels = new int[best.length];
      for (int i = 0; i < best.length; i++) {
        labels[i] = (int) best[i];
      }
      return new Result(labels, null, y.getShape().get(1));
    }
    return new Result(null, y.toType(DataType.FLOAT32, false).toFloatArray(), y.getShape().get(1));
  }

  /** The input already is a batch: no extra stacking dimension. */
  @Override
  public Batchifier getBatchifier() {
    return null;
  }
}
