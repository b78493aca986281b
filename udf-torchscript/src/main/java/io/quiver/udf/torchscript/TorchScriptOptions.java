package io.quiver.udf.torchscript;

import java.util.Locale;
import java.util.Map;

/**
 * The options of {@code torchscript(...)}, parsed and checked once (at planning time in
 * {@code returnField}, again in {@code open}), so a typo is a clear CREATE-time error.
 *
 * @param modelPath the TorchScript file ({@code model_path}, required)
 * @param normalize {@code none}, {@code mnist} or {@code imagenet}
 * @param output {@code argmax} (INT) or {@code logits} (TENSOR<FLOAT>[num_classes])
 * @param numClasses the logits' length; required for {@code output = 'logits'}, else 0 (not checked)
 * @param layout {@code auto}, {@code hwc} or {@code chw}: how 3-D image tensors are laid out
 */
record TorchScriptOptions(String modelPath, String normalize, String output, int numClasses, String layout) {

  static TorchScriptOptions parse(Map<String, String> options) {
    String model = options.get("model_path");
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("torchscript needs the option model_path: "
          + "CREATE FUNCTION f AS 'io.quiver.udf.torchscript.TorchScriptFunction' ... WITH (model_path = 'model.pt')");
    }
    String normalize = oneOf(options, "normalize", "none", "none", "mnist", "imagenet");
    String output = oneOf(options, "output", "argmax", "argmax", "logits");
    String layout = oneOf(options, "layout", "auto", "auto", "hwc", "chw");
    int classes = 0;
    String k = options.get("num_classes");
    if (k != null) {
      try {
        classes = Integer.parseInt(k.trim());
      } catch (NumberFormatException e) {
        classes = -1;
      }
      if (classes <= 0) {
        throw new IllegalArgumentException("torchscript option num_classes must be a positive integer, not '" + k + "'");
      }
    }
    if (output.equals("logits") && classes == 0) {
      throw new IllegalArgumentException("torchscript with output = 'logits' needs num_classes "
          + "(the length of the model's output per row), e.g. WITH (output = 'logits', num_classes = 10)");
    }
    return new TorchScriptOptions(model, normalize, output, classes, layout);
  }

  private static String oneOf(Map<String, String> options, String key, String fallback, String... allowed) {
    String value = options.getOrDefault(key, fallback).trim().toLowerCase(Locale.ROOT);
    for (String a : allowed) {
      if (a.equals(value)) {
        return value;
      }
    }
    throw new IllegalArgumentException("torchscript option " + key + " must be one of "
        + String.join(", ", allowed) + ", not '" + options.get(key) + "'");
  }
}
