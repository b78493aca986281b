package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.udf.tensor.FixedShapeTensorVector;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.junit.jupiter.api.Test;

class MnistClassifierTest {
  @Test
  void classifiesTheHeldOutImagesAsWellAsPyTorchDoes() throws Exception {
    MnistImages images = MnistImages.load("50_per_index");
    assertEquals(500, images.pixels.size());
    int[] correct = new int[10];
    int[] total = new int[10];
    int loadedBefore = MnistClassifier.MODELS_LOADED.get();
    try (BufferAllocator allocator = new RootAllocator()) {
      TestContext context = new TestContext(allocator,
          Map.of("model_path", MnistImages.modelPath().toString()), "classify");
      Normalize normalize = new Normalize();
      try (MnistClassifier classify = new MnistClassifier()) {
        classify.open(context);
        for (int from = 0; from < 500; from += 100) { // batch_size = 100, as declared
          try (FixedShapeTensorVector raw = images.tensors(from, from + 100, allocator);
              FixedShapeTensorVector normalized = (FixedShapeTensorVector) normalize.apply(List.of(raw), context);
              IntVector predicted = (IntVector) classify.apply(List.of(normalized), context)) {
            assertEquals(100, predicted.getValueCount());
            for (int i = 0; i < 100; i++) {
              int label = images.labels.get(from + i);
              total[label]++;
              if (predicted.get(i) == label) {
                correct[label]++;
              }
            }
          }
        }
      }
    }
    assertEquals(1, MnistClassifier.MODELS_LOADED.get() - loadedBefore, "open loads the model once per instance");
    for (int label = 0; label < 10; label++) {
      double accuracy = correct[label] / (double) total[label];
      assertEquals(50, total[label]);
      // shared/data/README.md: PyTorch itself gets 0.94-1.00 per label on these held-out images.
      assertTrue(accuracy >= 0.94 && accuracy <= 1.0, "label " + label + " accuracy " + accuracy);
    }
  }

  @Test
  void returnFieldAcceptsOnlyNormalizedImages() {
    MnistClassifier classify = new MnistClassifier();
    assertEquals(null, classify.returnField(
        List.of(io.quiver.udf.tensor.FixedShapeTensorType.float32(1, 28, 28).field("image", true)), Map.of()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> classify.returnField(
        List.of(io.quiver.udf.tensor.FixedShapeTensorType.uint8(28, 28).field("image", true)), Map.of()));
    assertTrue(e.getMessage().contains("classify(normalize(image))"), e.getMessage());
  }

  @Test
  void missingModelPathIsAClearError() {
    try (BufferAllocator allocator = new RootAllocator(); MnistClassifier classify = new MnistClassifier()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> classify.open(new TestContext(allocator, Map.of(), "classify")));
      assertTrue(e.getMessage().contains("model_path"), e.getMessage());
      Exception notFile = assertThrows(java.io.IOException.class, () -> classify.open(
          new TestContext(allocator, Map.of("model_path", "/nonexistent/model.pt"), "classify")));
      assertTrue(notFile.getMessage().contains("/nonexistent/model.pt"), notFile.getMessage());
    }
  }
}
