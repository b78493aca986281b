package io.quiver.udf.torchscript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.udf.tensor.FixedShapeTensorType;
import io.quiver.udf.tensor.FixedShapeTensorVector;
import io.quiver.udf.tensor.TensorVectors;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;

class TorchScriptFunctionTest {
  private static final Field IMAGE = FixedShapeTensorType.uint8(28, 28).field("image", true);

  @Test
  void argmaxWithMnistNormalizationMatchesPyTorchAccuracy() throws Exception {
    try (BufferAllocator allocator = new RootAllocator()) {
      HeldOutDigits digits = new HeldOutDigits(allocator);
      int[] predicted = new int[digits.labels.length];
      try (TorchScriptFunction f = new TorchScriptFunction();
          FixedShapeTensorVector images = digits.images) {
        TestContext context = new TestContext(allocator, Map.of("model_path", HeldOutDigits.MODEL, "normalize", "mnist"));
        f.open(context);
        try (IntVector out = (IntVector) f.apply(List.of(images), context)) {
          for (int i = 0; i < predicted.length; i++) {
            predicted[i] = out.get(i);
          }
        }
      }
      int[] correct = new int[10];
      for (int i = 0; i < predicted.length; i++) {
        correct[digits.labels[i]] += predicted[i] == digits.labels[i] ? 1 : 0;
      }
      for (int label = 0; label < 10; label++) {
        double accuracy = correct[label] / 50.0; // README: PyTorch gets 0.94-1.00 per label
        assertTrue(accuracy >= 0.94, "label " + label + " accuracy " + accuracy);
      }
    }
  }

  @Test
  void logitsOfFloatInputAgreeWithArgmaxOfBytes() throws Exception {
    try (BufferAllocator allocator = new RootAllocator()) {
      HeldOutDigits digits = new HeldOutDigits(allocator);
      float[] normalized = TensorVectors.toFloatArray(digits.images);
      for (int i = 0; i < normalized.length; i++) {
        normalized[i] = (normalized[i] / 255f - 0.5f) / 0.5f;
      }
      try (FixedShapeTensorVector bytes = digits.images;
          FixedShapeTensorVector floats = TensorVectors.fromFloats("image", normalized, new int[] {1, 28, 28}, allocator);
          TorchScriptFunction argmax = new TorchScriptFunction();
          TorchScriptFunction logits = new TorchScriptFunction()) {
        TestContext argmaxContext = new TestContext(allocator, Map.of("model_path", HeldOutDigits.MODEL, "normalize", "mnist"));
        TestContext logitsContext = new TestContext(allocator,
            Map.of("model_path", HeldOutDigits.MODEL, "output", "logits", "num_classes", "10"));
        argmax.open(argmaxContext);
        logits.open(logitsContext);
        try (IntVector labels = (IntVector) argmax.apply(List.of(bytes), argmaxContext);
            FixedShapeTensorVector scores = (FixedShapeTensorVector) logits.apply(List.of(floats), logitsContext)) {
          assertEquals("TENSOR<FLOAT>[10]", scores.tensorType().sqlName());
          assertEquals(500, scores.getValueCount());
          for (int row = 0; row < 500; row++) {
            float[] s = TensorVectors.readFloats(scores, row);
            int best = 0;
            for (int k = 1; k < 10; k++) {
              best = s[k] > s[best] ? k : best;
            }
            assertEquals(labels.get(row), best, "row " + row);
          }
        }
      }
    }
  }

  @Test
  void returnFieldFollowsTheOptions() {
    TorchScriptFunction f = new TorchScriptFunction();
    assertEquals(new ArrowType.Int(32, true), f.returnField(List.of(IMAGE), Map.of("model_path", "m.pt")).getType());
    assertEquals(FixedShapeTensorType.float32(1000), f.returnField(List.of(IMAGE),
        Map.of("model_path", "m.pt", "output", "logits", "num_classes", "1000")).getType());
    Field rgb = FixedShapeTensorType.uint8(224, 224, 3).field("image", true);
    assertEquals(new ArrowType.Int(32, true),
        f.returnField(List.of(rgb), Map.of("model_path", "m.pt", "normalize", "imagenet")).getType());
  }

  @Test
  void badOptionsAreClearErrors() {
    TorchScriptFunction f = new TorchScriptFunction();
    assertMessage("model_path", () -> f.returnField(List.of(IMAGE), Map.of()));
    assertMessage("needs num_classes", () -> f.returnField(List.of(IMAGE), Map.of("model_path", "m", "output", "logits")));
    assertMessage("normalize must be one of none, mnist, imagenet, not 'zscore'",
        () -> f.returnField(List.of(IMAGE), Map.of("model_path", "m", "normalize", "zscore")));
    assertMessage("3-channel", () -> f.returnField(List.of(IMAGE), Map.of("model_path", "m", "normalize", "imagenet")));
    assertMessage("UINT8 or FLOAT", () -> f.returnField(
        List.of(new FixedShapeTensorType(new ArrowType.Int(32, true), new int[] {4}).field("x", true)), Map.of("model_path", "m")));
    try (BufferAllocator allocator = new RootAllocator()) {
      assertThrows(java.io.IOException.class,
          () -> f.open(new TestContext(allocator, Map.of("model_path", "/nonexistent/model.pt"))));
    }
  }

  @Test
  void imagesGetChannelsAndHwcIsTransposed() {
    ModelInput gray = ModelInput.of(new int[] {28, 28}, "auto", 5);
    assertEquals(List.of(5L, 1L, 28L, 28L), boxed(gray.batchShape()));
    ModelInput rgb = ModelInput.of(new int[] {224, 224, 3}, "auto", 2);
    assertTrue(rgb.hwc());
    assertEquals(3, rgb.channels());
    ModelInput chw = ModelInput.of(new int[] {3, 224, 224}, "auto", 2);
    assertEquals(3, chw.channels());
    assertEquals(false, chw.hwc());
    assertTrue(ModelInput.of(new int[] {3, 8, 3}, "hwc", 1).hwc());
  }

  private static List<Long> boxed(long[] a) {
    return java.util.Arrays.stream(a).boxed().toList();
  }

  private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }
}
