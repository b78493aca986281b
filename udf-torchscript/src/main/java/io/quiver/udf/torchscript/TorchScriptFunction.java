package io.quiver.udf.torchscript;

import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import io.quiver.udf.BatchFunction;
import io.quiver.udf.FunctionContext;
import io.quiver.udf.QuiverFunction;
import io.quiver.udf.tensor.FixedShapeTensorType;
import io.quiver.udf.tensor.FixedShapeTensorVector;
import io.quiver.udf.tensor.TensorVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Quiver's built-in model function: runs a TorchScript model over a tensor column, so the common case
 * needs no Java. Shipped as its own UDF jar ({@code udf-torchscript/target/quiver-torchscript.jar}),
 * loaded like any user jar, so the engine itself never depends on DJL.
 *
 * <pre>{@code
 * CREATE FUNCTION digit AS 'io.quiver.udf.torchscript.TorchScriptFunction'
 *   USING JAR 'udf-torchscript/target/quiver-torchscript.jar'
 *   WITH (model_path = 'shared/data/mnist/model/model.pt', normalize = 'mnist', batch_size = 100);
 * SELECT digit(image) FROM read_images('shared/data/mnist/50_per_index');
 * }</pre>
 *
 * <p>Options:
 * <ul>
 *   <li>{@code model_path} (required): the TorchScript file ({@code torch.jit.trace}/{@code script} + save).</li>
 *   <li>{@code normalize}: {@code none} (default; values as they are, UINT8 as 0..255), {@code mnist}
 *       ({@code (x - 0.5) / 0.5}) or {@code imagenet} ({@code (x - mean[c]) / std[c]} with the standard
 *       ImageNet mean 0.485, 0.456, 0.406 and std 0.229, 0.224, 0.225; needs 3 channels). UINT8 pixels
 *       are first scaled to [0,1] by dividing by 255; FLOAT input is taken to be in [0,1] already.</li>
 *   <li>{@code output}: {@code argmax} (default; INT, the index of the largest output) or {@code logits}
 *       ({@code TENSOR<FLOAT>[num_classes]}, the raw outputs).</li>
 *   <li>{@code num_classes}: the length of the model's output per row; required for {@code logits}.</li>
 *   <li>{@code layout}: {@code auto} (default), {@code hwc} or {@code chw}, for 3-D image tensors.</li>
 * </ul>
 *
 * <p>Input: one UINT8 or FLOAT tensor column of any fixed shape. The batch dimension is added in front;
 * a 2-D {@code [H,W]} tensor also gets a channel dimension ({@code (N,1,H,W)}); a 3-D HWC image
 * ({@code [H,W,3]}, as read_images gives colour images) is transposed to {@code (N,3,H,W)}.
 */
@QuiverFunction(name = "torchscript", returnType = "", concurrency = "1..2")
public final class TorchScriptFunction implements BatchFunction {
  private TorchScriptOptions options;
  private ZooModel<TorchScriptTranslator.Batch, TorchScriptTranslator.Result> model;
  private Predictor<TorchScriptTranslator.Batch, TorchScriptTranslator.Result> predictor;

  @Override
  public Field returnField(List<Field> arguments, Map<String, String> rawOptions) {
    TorchScriptOptions o = TorchScriptOptions.parse(rawOptions);
    if (arguments.size() != 1) {
      throw new IllegalArgumentException("torchscript takes one argument, a tensor column; got " + arguments.size());
    }
    FixedShapeTensorType in = TensorVectors.typeOf(arguments.get(0));
    checkElementType(in);
    ModelInput input = ModelInput.of(in.shape(), o.layout(), 1);
    if (o.normalize().equals("imagenet") && input.channels() != 3) {
      throw new IllegalArgumentException("torchscript normalize = 'imagenet' needs 3-channel images "
          + "([H,W,3] or [3,H,W]), got " + in.sqlName());
    }
    if (o.output().equals("argmax")) {
      return Field.nullable("torchscript", new ArrowType.Int(32, true));
    }
    return FixedShapeTensorType.float32(o.numClasses()).field("torchscript", true);
  }

  @Override
  public void open(FunctionContext context) throws Exception {
    options = TorchScriptOptions.parse(context.options());
    Path modelPath = Paths.get(options.modelPath());
    if (!Files.isRegularFile(modelPath)) {
      throw new IOException(context.functionName() + ": model_path '" + modelPath.toAbsolutePath() + "' is not a file");
    }
    try {
      model = Criteria.builder()
          .setTypes(TorchScriptTranslator.Batch.class, TorchScriptTranslator.Result.class)
          .optModelPath(modelPath)
          .optEngine("PyTorch")
          .optTranslator(new TorchScriptTranslator(options.normalize(), options.output().equals("argmax")))
          .build()
          .loadModel();
    } catch (RuntimeException e) {
      throw explainNativeLibraryClash(context, e);
    }
    predictor = model.newPredictor(); // one per instance: predictors are not thread-safe
  }

  @Override
  public FieldVector apply(List<FieldVector> arguments, FunctionContext context) throws Exception {
    FixedShapeTensorVector in = TensorVectors.asTensor(arguments.get(0), context.functionName());
    FixedShapeTensorType type = in.tensorType();
    checkElementType(type);
    int rows = in.getValueCount();
    TorchScriptTranslator.Result result = rows == 0 ? null : predictor.predict(new TorchScriptTranslator.Batch(
        TensorVectors.toFloatArray(in), ModelInput.of(type.shape(), options.layout(), rows), isUint8(type.elementType())));
    return options.output().equals("argmax") ? labels(in, result, context) : logits(in, result, context);
  }

  private static IntVector labels(FixedShapeTensorVector in, TorchScriptTranslator.Result result, FunctionContext context) {
    int rows = in.getValueCount();
    IntVector out = new IntVector(context.functionName(), context.allocator());
    out.allocateNew(rows);
    for (int row = 0; row < rows; row++) {
      if (in.isNull(row)) {
        out.setNull(row);
      } else {
        out.set(row, result.labels()[row]);
      }
    }
    out.setValueCount(rows);
    return out;
  }

  private FixedShapeTensorVector logits(FixedShapeTensorVector in, TorchScriptTranslator.Result result,
      FunctionContext context) {
    int k = options.numClasses();
    if (result != null && result.classes() != k) {
      throw new IllegalStateException(context.functionName() + ": the model gives " + result.classes()
          + " outputs per row, but num_classes = " + k);
    }
    float[] values = result == null ? new float[0] : result.logits();
    FixedShapeTensorVector out = TensorVectors.fromFloats(context.functionName(), values, new int[] {k}, context.allocator());
    for (int row = 0; row < in.getValueCount(); row++) {
      if (in.isNull(row)) {
        out.getUnderlyingVector().setNull(row);
      }
    }
    return out;
  }

  @Override
  public void close() {
    if (predictor != null) {
      predictor.close();
      predictor = null;
    }
    if (model != null) {
      model.close();
      model = null;
    }
  }

  /**
   * A JVM loads libtorch through one class loader only; when another UDF jar that bundles DJL got there
   * first, DJL fails with an UnsatisfiedLinkError deep in its cause chain. Say what happened instead.
   */
  private static RuntimeException explainNativeLibraryClash(FunctionContext context, RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnsatisfiedLinkError && String.valueOf(t.getMessage()).contains("another classloader")) {
        return new IllegalStateException(context.functionName() + ": PyTorch's native libraries are already "
            + "loaded in this process by another UDF jar that bundles DJL; a JVM can load them through one "
            + "class loader only, so use model functions from one such jar per Quiver process (" + t.getMessage() + ")", e);
      }
    }
    return e;
  }

  private static void checkElementType(FixedShapeTensorType t) {
    boolean ok = isUint8(t.elementType())
        || t.elementType() instanceof ArrowType.FloatingPoint fp && fp.getPrecision() == FloatingPointPrecision.SINGLE;
    if (!ok) {
      throw new IllegalArgumentException("torchscript takes UINT8 or FLOAT tensors, got " + t.sqlName());
    }
  }

  private static boolean isUint8(ArrowType t) {
    return t instanceof ArrowType.Int i && i.getBitWidth() == 8 && !i.getIsSigned();
  }
}
