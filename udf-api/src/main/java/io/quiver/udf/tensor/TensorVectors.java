package io.quiver.udf.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Helpers to read and build tensor columns ({@link FixedShapeTensorVector}) without touching Arrow's
 * buffers yourself. Everything copies whole tensors at once through the element vector's data buffer:
 * no per-element calls, no boxing.
 *
 * <p>A typical UDF body:
 * <pre>{@code
 * FixedShapeTensorVector images = TensorVectors.asTensor(arguments.get(0), "normalize");
 * int rows = images.getValueCount();
 * int size = images.tensorType().size();
 * float[] pixels = TensorVectors.toFloatArray(images);          // rows * size values, UINT8 -> 0..255
 * for (int i = 0; i < pixels.length; i++) pixels[i] = pixels[i] / 255f;
 * return TensorVectors.fromFloats("out", pixels, images.tensorType().shape(), context.allocator());
 * }</pre>
 *
 * <p>Tensor {@code i} of a vector occupies elements {@code [i * size, (i + 1) * size)} of
 * {@link FixedShapeTensorVector#elements()}, row-major. A null row ({@code vector.isNull(i)}) still has
 * {@code size} elements whose values mean nothing; these helpers read and write them like any other.
 */
public final class TensorVectors {
  private TensorVectors() {}

  /**
   * The tensor type of a column, e.g. of a UDF argument in {@code returnField}. The element type is taken
   * from the child field, which is always right (see {@link FixedShapeTensorType}'s metadata note).
   *
   * @throws IllegalArgumentException when the field is not a tensor column
   */
  public static FixedShapeTensorType typeOf(Field field) {
    if (!(field.getType() instanceof FixedShapeTensorType tensor)) {
      throw new IllegalArgumentException("column '" + field.getName() + "' is " + field.getType()
          + ", not a tensor (TENSOR<type>[shape])");
    }
    List<Field> children = field.getChildren();
    if (children.size() == 1 && !children.get(0).getType().equals(tensor.elementType())) {
      return new FixedShapeTensorType(children.get(0).getType(), tensor.shape());
    }
    return tensor;
  }

  /**
   * {@code vector} as a tensor column, or an error naming {@code functionName} when it is something else
   * (use it on UDF arguments so a wrong argument type gives a clear message).
   */
  public static FixedShapeTensorVector asTensor(FieldVector vector, String functionName) {
    if (vector instanceof FixedShapeTensorVector tensor) {
      return tensor;
    }
    throw new IllegalArgumentException(functionName + " expects a tensor column (TENSOR<type>[shape]), got '"
        + vector.getName() + "' of type " + vector.getField().getType());
  }

  /** The shape of every tensor in {@code vector}, outermost dimension first. */
  public static int[] shape(FixedShapeTensorVector vector) {
    return vector.tensorType().shape();
  }

  /**
   * A new tensor column of {@code type} with {@code rows} rows, all non-null, value count already set;
   * fill it with the {@code write*} methods. Element values start undefined (not necessarily zero). The
   * caller owns the vector (a UDF returns it to the engine, which closes it).
   */
  public static FixedShapeTensorVector allocate(String name, FixedShapeTensorType type, int rows,
      BufferAllocator allocator) {
    FixedShapeTensorVector vector =
        (FixedShapeTensorVector) type.getNewVector(name, new FieldType(true, type, null), allocator);
    try {
      FixedSizeListVector storage = vector.getUnderlyingVector();
      storage.setInitialCapacity(rows);
      storage.allocateNew();
      vector.setValueCount(rows);
      // Every row and every element is valid; one bulk fill per validity buffer instead of a call per row.
      setAllValid(storage.getValidityBuffer(), rows);
      setAllValid(vector.elements().getValidityBuffer(), (long) rows * type.size());
      return vector;
    } catch (RuntimeException e) {
      vector.close();
      throw e;
    }
  }

  /**
   * A FLOAT tensor column of shape {@code shape} holding {@code values}: row {@code i} is
   * {@code values[i * size .. (i + 1) * size)}, so {@code values.length} must be a multiple of the shape's
   * size (the row count is the quotient).
   */
  public static FixedShapeTensorVector fromFloats(String name, float[] values, int[] shape,
      BufferAllocator allocator) {
    FixedShapeTensorType type = FixedShapeTensorType.float32(shape);
    int size = type.size();
    if (size == 0 ? values.length != 0 : values.length % size != 0) {
      throw new IllegalArgumentException(values.length + " values do not make whole tensors of shape "
          + Arrays.toString(shape) + " (" + size + " values each)");
    }
    int rows = size == 0 ? 0 : values.length / size;
    FixedShapeTensorVector vector = allocate(name, type, rows, allocator);
    if (values.length > 0) {
      view(vector, 0, values.length, 4).asFloatBuffer().put(values);
    }
    return vector;
  }

  // ---- one tensor at a time, exact element types ----

  /** Tensor {@code row} of a FLOAT column, as a new array of {@code size} values. */
  public static float[] readFloats(FixedShapeTensorVector vector, int row) {
    float[] out = new float[vector.tensorType().size()];
    readFloats(vector, row, out, 0);
    return out;
  }

  /** Copies tensor {@code row} of a FLOAT column into {@code dst[dstOffset .. dstOffset + size)}. */
  public static void readFloats(FixedShapeTensorVector vector, int row, float[] dst, int dstOffset) {
    int size = requireElement(vector, "FLOAT", 4, true);
    rowView(vector, row, size, 4).asFloatBuffer().get(dst, dstOffset, size);
  }

  /** Writes {@code src[srcOffset .. srcOffset + size)} as tensor {@code row} of a FLOAT column. */
  public static void writeFloats(FixedShapeTensorVector vector, int row, float[] src, int srcOffset) {
    int size = requireElement(vector, "FLOAT", 4, true);
    rowView(vector, row, size, 4).asFloatBuffer().put(src, srcOffset, size);
  }

  /** Writes {@code src} (exactly {@code size} values) as tensor {@code row} of a FLOAT column. */
  public static void writeFloats(FixedShapeTensorVector vector, int row, float[] src) {
    requireLength(vector, src.length);
    writeFloats(vector, row, src, 0);
  }

  /** Tensor {@code row} of a UINT8 or INT8 column, as a new array (UINT8 values 128..255 read negative). */
  public static byte[] readBytes(FixedShapeTensorVector vector, int row) {
    byte[] out = new byte[vector.tensorType().size()];
    readBytes(vector, row, out, 0);
    return out;
  }

  /** Copies tensor {@code row} of a UINT8 or INT8 column into {@code dst[dstOffset .. dstOffset + size)}. */
  public static void readBytes(FixedShapeTensorVector vector, int row, byte[] dst, int dstOffset) {
    int size = requireElement(vector, "UINT8 or INT8", 1, false);
    vector.elements().getDataBuffer().getBytes((long) row * size, dst, dstOffset, size);
  }

  /** Writes {@code src[srcOffset .. srcOffset + size)} as tensor {@code row} of a UINT8 or INT8 column. */
  public static void writeBytes(FixedShapeTensorVector vector, int row, byte[] src, int srcOffset) {
    int size = requireElement(vector, "UINT8 or INT8", 1, false);
    vector.elements().getDataBuffer().setBytes((long) row * size, src, srcOffset, size);
  }

  /** Writes {@code src} (exactly {@code size} values) as tensor {@code row} of a UINT8 or INT8 column. */
  public static void writeBytes(FixedShapeTensorVector vector, int row, byte[] src) {
    requireLength(vector, src.length);
    writeBytes(vector, row, src, 0);
  }

  /** Tensor {@code row} of an INT32 or UINT32 column, as a new array. */
  public static int[] readInts(FixedShapeTensorVector vector, int row) {
    int[] out = new int[vector.tensorType().size()];
    readInts(vector, row, out, 0);
    return out;
  }

  /** Copies tensor {@code row} of an INT32 or UINT32 column into {@code dst[dstOffset .. dstOffset + size)}. */
  public static void readInts(FixedShapeTensorVector vector, int row, int[] dst, int dstOffset) {
    int size = requireElement(vector, "INT32", 4, false);
    rowView(vector, row, size, 4).asIntBuffer().get(dst, dstOffset, size);
  }

  /** Writes {@code src[srcOffset .. srcOffset + size)} as tensor {@code row} of an INT32 or UINT32 column. */
  public static void writeInts(FixedShapeTensorVector vector, int row, int[] src, int srcOffset) {
    int size = requireElement(vector, "INT32", 4, false);
    rowView(vector, row, size, 4).asIntBuffer().put(src, srcOffset, size);
  }

  /** Writes {@code src} (exactly {@code size} values) as tensor {@code row} of an INT32 or UINT32 column. */
  public static void writeInts(FixedShapeTensorVector vector, int row, int[] src) {
    requireLength(vector, src.length);
    writeInts(vector, row, src, 0);
  }

  // ---- whole columns, any numeric element type ----

  /**
   * Every tensor of the column as floats, {@code rows * size} values in row order, converting from any
   * numeric element type: UINT8 becomes 0..255 (not -128..127), INT8/16/32/64 and UINT16/32 their value,
   * DOUBLE is narrowed. The usual first step of a model UDF.
   */
  public static float[] toFloatArray(FixedShapeTensorVector vector) {
    int size = vector.tensorType().size();
    float[] out = new float[Math.multiplyExact(vector.getValueCount(), size)];
    readAsFloats(vector, 0, vector.getValueCount(), out, 0);
    return out;
  }

  /**
   * Converts tensors {@code [firstRow, firstRow + rowCount)} to floats into {@code dst} from
   * {@code dstOffset} (see {@link #toFloatArray} for the conversions).
   */
  public static void readAsFloats(FixedShapeTensorVector vector, int firstRow, int rowCount, float[] dst,
      int dstOffset) {
    int n = Math.multiplyExact(rowCount, vector.tensorType().size());
    if (n == 0) {
      return;
    }
    long first = (long) firstRow * vector.tensorType().size();
    ArrowType element = vector.tensorType().elementType();
    if (element instanceof ArrowType.FloatingPoint fp && fp.getPrecision() == FloatingPointPrecision.SINGLE) {
      view(vector, first, n, 4).asFloatBuffer().get(dst, dstOffset, n);
    } else if (element instanceof ArrowType.FloatingPoint fp && fp.getPrecision() == FloatingPointPrecision.DOUBLE) {
      java.nio.DoubleBuffer in = view(vector, first, n, 8).asDoubleBuffer();
      for (int i = 0; i < n; i++) {
        dst[dstOffset + i] = (float) in.get(i);
      }
    } else if (element instanceof ArrowType.Int in) {
      convertInts(vector, in, first, n, dst, dstOffset);
    } else {
      throw new IllegalArgumentException("cannot read " + vector.tensorType() + " as floats");
    }
  }

  private static void convertInts(FixedShapeTensorVector vector, ArrowType.Int type, long first, int n,
      float[] dst, int off) {
    boolean signed = type.getIsSigned();
    switch (type.getBitWidth()) {
      case 8: {
        byte[] b = new byte[n];
        vector.elements().getDataBuffer().getBytes(first, b, 0, n);
        for (int i = 0; i < n; i++) {
          dst[off + i] = signed ? b[i] : b[i] & 0xFF;
        }
        return;
      }
      case 16: {
        java.nio.ShortBuffer s = view(vector, first, n, 2).asShortBuffer();
        for (int i = 0; i < n; i++) {
          dst[off + i] = signed ? s.get(i) : s.get(i) & 0xFFFF;
        }
        return;
      }
      case 32: {
        java.nio.IntBuffer s = view(vector, first, n, 4).asIntBuffer();
        for (int i = 0; i < n; i++) {
          dst[off + i] = signed ? s.get(i) : s.get(i) & 0xFFFFFFFFL;
        }
        return;
      }
      default: {
        java.nio.LongBuffer s = view(vector, first, n, 8).asLongBuffer();
        for (int i = 0; i < n; i++) {
          dst[off + i] = s.get(i);
        }
      }
    }
  }

  // ---- internals ----

  /** Checks the element type; returns the tensor size. */
  private static int requireElement(FixedShapeTensorVector vector, String what, int bytes, boolean floating) {
    ArrowType e = vector.tensorType().elementType();
    boolean ok = floating
        ? e instanceof ArrowType.FloatingPoint fp && fp.getPrecision() == FloatingPointPrecision.SINGLE
        : e instanceof ArrowType.Int i && i.getBitWidth() == bytes * 8;
    if (!ok) {
      throw new IllegalArgumentException("expected a " + what + " tensor column, '" + vector.getName()
          + "' is " + vector.tensorType());
    }
    return vector.tensorType().size();
  }

  private static void requireLength(FixedShapeTensorVector vector, int length) {
    if (length != vector.tensorType().size()) {
      throw new IllegalArgumentException(length + " values for one " + vector.tensorType() + " tensor, which has "
          + vector.tensorType().size());
    }
  }

  private static ByteBuffer rowView(FixedShapeTensorVector vector, int row, int size, int elementBytes) {
    return view(vector, (long) row * size, size, elementBytes);
  }

  /** A little-endian (Arrow's byte order) view of elements {@code [first, first + count)}. */
  private static ByteBuffer view(FixedShapeTensorVector vector, long first, int count, int elementBytes) {
    ArrowBuf data = vector.elements().getDataBuffer();
    return data.nioBuffer(first * elementBytes, Math.multiplyExact(count, elementBytes))
        .order(ByteOrder.LITTLE_ENDIAN);
  }

  private static void setAllValid(ArrowBuf validity, long bits) {
    if (bits > 0) {
      validity.setOne(0L, (bits + 7) / 8);
    }
  }
}
