package io.quiver.benchmarks.images;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.nio.file.Path;

/**
 * The TorchScript MNIST model through DJL, as a hand-written program would use it: one model and one
 * predictor per thread, a batch of normalized (N,1,28,28) floats in, the argmax labels out. Only the
 * Java-loop baselines use it, in their own JVM.
 */
final class DigitModel implements AutoCloseable {
  private final ZooModel<float[], int[]> model;
  private final Predictor<float[], int[]> predictor;

  DigitModel(Path modelPath) throws Exception {
    model = Criteria.builder()
        .setTypes(float[].class, int[].class)
        .optModelPath(modelPath)
        .optEngine("PyTorch")
        .optTranslator(new Argmax())
        .build()
        .loadModel();
    predictor = model.newPredictor();
  }

  /** Labels of {@code pixels.length / 784} normalized 28x28 images. */
  int[] classify(float[] pixels) throws Exception {
    return predictor.predict(pixels);
  }

  @Override
  public void close() {
    predictor.close();
    model.close();
  }

  private static final class Argmax implements Translator<float[], int[]> {
    @Override
    public NDList processInput(TranslatorContext ctx, float[] pixels) {
      return new NDList(ctx.getNDManager().create(pixels, new Shape(pixels.length / 784, 1, 28, 28)));
    }

    @Override
    public int[] processOutput(TranslatorContext ctx, NDList logits) {
      long[] best = logits.singletonOrThrow().argMax(1).toLongArray();
      int[] labels = new int[best.length];
      for (int i = 0; i < best.length; i++) {
        labels[i] = (int) best[i];
      }
      return labels;
    }

    @Override
    public Batchifier getBatchifier() {
      return null;
    }
  }
}
