package example;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.quiver.udf.BatchFunction;
import io.quiver.udf.FunctionContext;
import io.quiver.udf.QuiverFunction;
import io.quiver.udf.tensor.FixedShapeTensorType;
import io.quiver.udf.tensor.FixedShapeTensorVector;
import io.quiver.udf.tensor.TensorVectors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * {@code classify(image)}: the digit (0-9) a TorchScript MNIST model sees in a normalized FLOAT
 * {@code [1,28,28]} image (see {@link Normalize}). Stateful: each actor loads the model from the
 * {@code model_path} option once in {@link #open}, with DJL's PyTorch engine, and classifies whole
 * batches of 100 images in one forward pass.
 *
 * <pre>{@code
 * CREATE FUNCTION classify AS 'example.MnistClassifier' USING JAR 'examples/mnist-udfs/target/mnist-udfs.jar'
 *   WITH (model_path = 'shared/data/mnist/model/model.pt', batch_size = 100, concurrency = '1..4');
 * }</pre>
 */
@QuiverFunction(name = "classify", returnType = "INT", batchSize = 100, concurrency = "1..4")
public final class MnistClassifier implements BatchFunction {
  /** How many models this class loader has loaded; lets tests check that {@code open} loads once. */
  static final AtomicInteger MODELS_LOADED = new AtomicInteger();

  private ZooModel<Batch, int[]> model;
  private Predictor<Batch, int[]> predictor;

  @Override
  public void open(FunctionContext context) throws IOException, ModelNotFoundException, MalformedModelException {
    Path modelPath = Paths.get(context.requireOption("model_path"));
    if (!Files.isRegularFile(modelPath)) {
      throw new IOException(context.functionName() + ": model_path '" + modelPath.toAbsolutePath()
          + "' is not a file");
    }
    Criteria<Batch, int[]> criteria = Criteria.builder()
        .setTypes(Batch.class, int[].class)
        .optModelPath(modelPath)
        .optEngine("PyTorch") // TorchScript; nothing is downloaded (ai.djl.offline=true)
        .optTranslator(new ArgmaxTranslator())
        .build();
    model = criteria.loadModel();
    predictor = model.newPredictor(); // not thread-safe, but an instance is called by one thread at a time
    MODELS_LOADED.incrementAndGet();
  }

  /** Checks the argument at planning time; the result type is the annotation's INT. */
  @Override
  public Field returnField(List<Field> arguments, Map<String, String> options) {
    if (arguments.size() != 1) {
      throw new IllegalArgumentException("classify takes one argument, a normalized image; got " + arguments.size());
    }
    checkInput(TensorVectors.typeOf(arguments.get(0)));
    return null;
  }

  @Override
  public FieldVector apply(List<FieldVector> arguments, FunctionContext context) throws Exception {
    FixedShapeTensorVector images = TensorVectors.asTensor(arguments.get(0), "classify");
    checkInput(images.tensorType());
    int rows = images.getValueCount();
    int[] shape = images.tensorType().shape();
    long[] batchShape = new long[shape.length + 1];
    batchShape[0] = rows;
    for (int d = 0; d < shape.length; d++) {
      batchShape[d + 1] = shape[d];
    }
    int[] labels = rows == 0 ? new int[0] : predictor.predict(new Batch(pixels(images, rows), batchShape));
    IntVector out = new IntVector("classify", context.allocator());
    out.allocateNew(rows);
    for (int row = 0; row < rows; row++) {
      if (images.isNull(row)) {
        out.setNull(row);
      } else {
        out.set(row, labels[row]);
      }
    }
    out.setValueCount(rows);
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
   * The batch's pixels where Arrow keeps them, as a direct little-endian buffer over the FLOAT elements:
   * DJL's PyTorch engine makes a tensor over direct memory without copying it, where a {@code float[]}
   * (what {@link TensorVectors#toFloatArray} returns) would be copied twice more, into the array and then
   * into a fresh direct buffer. The buffer is only read during {@code predict}, while the vector lives.
   */
  private static ByteBuffer pixels(FixedShapeTensorVector images, int rows) {
    long bytes = (long) rows * images.tensorType().size() * Float.BYTES;
    return images.elements().getDataBuffer().nioBuffer(0, Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** The model takes normalized one-channel 28x28 images: what {@code normalize(image)} returns. */
  private static void checkInput(FixedShapeTensorType type) {
    if (!type.equals(FixedShapeTensorType.float32(1, 28, 28))) {
      throw new IllegalArgumentException("classify expects TENSOR<FLOAT>[1,28,28] (use classify(normalize(image))), got "
          + type.sqlName());
    }
  }

  /** A batch of images, FLOAT32 values in a direct little-endian buffer, and its shape (N, 1, 28, 28). */
  record Batch(ByteBuffer values, long[] shape) {}

  /** Batch → one (N,1,28,28) NDArray → logits (N,10) → argmax per row. */
  static final class ArgmaxTranslator implements Translator<Batch, int[]> {
    @Override
    public NDList processInput(TranslatorContext ctx, Batch batch) {
      return new NDList(ctx.getNDManager().create(batch.values(), new Shape(batch.shape()), DataType.FLOAT32));
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

    /** Our input already is a batch: no extra stacking dimension. */
    @Override
    public Batchifier getBatchifier() {
      return null;
    }
  }
}
