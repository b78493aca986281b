package example;

import io.quiver.udf.BatchFunction;
import io.quiver.udf.FunctionContext;
import io.quiver.udf.QuiverFunction;
import io.quiver.udf.tensor.FixedShapeTensorType;
import io.quiver.udf.tensor.FixedShapeTensorVector;
import io.quiver.udf.tensor.TensorVectors;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * {@code normalize(image)}: a UINT8 image tensor {@code [H,W]} becomes a FLOAT tensor {@code [1,H,W]}
 * (one channel, as the MNIST model expects) with every pixel mapped to {@code (p / 255 - 0.5) / 0.5},
 * i.e. into [-1, 1] — the same arithmetic, in float32, as torchvision's {@code ToTensor()} followed by
 * {@code Normalize(0.5, 0.5)}. Tensors of other ranks keep their shape. Stateless: no concurrency hint,
 * so the engine may run it fused with its neighbours.
 */
@QuiverFunction(name = "normalize", returnType = "TENSOR<FLOAT>[1,28,28]")
public final class Normalize implements BatchFunction {

  @Override
  public FieldVector apply(List<FieldVector> arguments, FunctionContext context) {
    FixedShapeTensorVector images = TensorVectors.asTensor(arguments.get(0), "normalize");
    if (!isUint8(images.tensorType().elementType())) {
      throw new IllegalArgumentException("normalize expects UINT8 images, got " + images.tensorType());
    }
    float[] pixels = TensorVectors.toFloatArray(images); // UINT8 read as 0..255
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (pixels[i] / 255f - 0.5f) / 0.5f;
    }
    FixedShapeTensorVector out =
        TensorVectors.fromFloats("normalize", pixels, outputShape(images.tensorType().shape()), context.allocator());
    for (int row = 0; row < images.getValueCount(); row++) {
      if (images.isNull(row)) {
        out.getUnderlyingVector().setNull(row); // a missing image stays missing
      }
    }
    return out;
  }

  /** {@code TENSOR<FLOAT>[1,H,W]} for a {@code TENSOR<UINT8>[H,W]} argument. */
  @Override
  public Field returnField(List<Field> arguments, Map<String, String> options) {
    if (arguments.size() != 1) {
      throw new IllegalArgumentException("normalize takes one argument, an image tensor; got " + arguments.size());
    }
    FixedShapeTensorType in = TensorVectors.typeOf(arguments.get(0));
    if (!isUint8(in.elementType())) {
      throw new IllegalArgumentException("normalize expects UINT8 images, got " + in.sqlName());
    }
    return FixedShapeTensorType.float32(outputShape(in.shape())).field("normalize", true);
  }

  /** [H,W] gains a channel dimension in front; other shapes stay as they are. */
  static int[] outputShape(int[] shape) {
    if (shape.length != 2) {
      return shape;
    }
    return new int[] {1, shape[0], shape[1]};
  }

  private static boolean isUint8(ArrowType t) {
    return t instanceof ArrowType.Int i && i.getBitWidth() == 8 && !i.getIsSigned();
  }
}
