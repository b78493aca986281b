package io.quiver.udf.tensor;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.ArrowType.ExtensionType;
import org.apache.arrow.vector.types.pojo.ExtensionTypeRegistry;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Arrow's canonical fixed-shape tensor extension type ({@code arrow.fixed_shape_tensor}): every row is
 * a row-major tensor of the same shape, stored as a {@code FixedSizeList} of the element type.
 */
public final class FixedShapeTensorType extends ExtensionType {
  public static final String EXTENSION_NAME = "arrow.fixed_shape_tensor";

  static {
    ExtensionTypeRegistry.register(new FixedShapeTensorType(new ArrowType.Int(8, false), new int[] {1}));
  }

  private final ArrowType elementType;
  private final int[] shape;

  public FixedShapeTensorType(ArrowType elementType, int[] shape) {
    this.elementType = elementType;
    this.shape = shape.clone();
  }

  /** Makes sure the type is registered, so Arrow IPC readers rebuild it from field metadata. */
  public static void ensureRegistered() {
    // The static initializer does the work.
  }

  public static FixedShapeTensorType uint8(int... shape) {
    return new FixedShapeTensorType(new ArrowType.Int(8, false), shape);
  }

  public static FixedShapeTensorType float32(int... shape) {
    return new FixedShapeTensorType(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE), shape);
  }

  public ArrowType elementType() {
    return elementType;
  }

  public int[] shape() {
    return shape.clone();
  }

  /** Number of elements in one tensor: the product of the shape. */
  public int size() {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  /** A field of this type with the right child field, ready for a schema. */
  public Field field(String name, boolean nullable) {
    Field element = new Field("item", FieldType.notNullable(elementType), null);
    return new Field(name, new FieldType(nullable, this, null), java.util.List.of(element));
  }

  /** SQL-facing name, e.g. {@code TENSOR<UINT8>[28,28]}. */
  public String sqlName() {
    return "TENSOR<" + TensorElements.sqlName(elementType) + ">"
        + Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
  }

  @Override
  public ArrowType storageType() {
    return new ArrowType.FixedSizeList(size());
  }

  @Override
  public String extensionName() {
    return EXTENSION_NAME;
  }

  @Override
  public boolean extensionEquals(ExtensionType other) {
    return other instanceof FixedShapeTensorType t
        && t.elementType.equals(elementType) && Arrays.equals(t.shape, shape);
  }

  @Override
  public String serialize() {
    return Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(",", "{\"shape\":[", "]}"));
  }

  @Override
  public ArrowType deserialize(ArrowType storageType, String serializedData) {
    String inner = serializedData.substring(serializedData.indexOf('[') + 1, serializedData.indexOf(']'));
    int[] dims = inner.isBlank() ? new int[0]
        : Arrays.stream(inner.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    // The element type lives in the child field; storage alone does not carry it, so callers that
    // rebuild from IPC get UINT8 unless the child says otherwise (see TensorVectors.typeOf).
    return new FixedShapeTensorType(elementType, dims);
  }

  @Override
  public FieldVector getNewVector(String name, FieldType fieldType, BufferAllocator allocator) {
    FixedSizeListVector storage = new FixedSizeListVector(name, allocator,
        new FieldType(fieldType.isNullable(), storageType(), null), null);
    storage.addOrGetVector(FieldType.notNullable(elementType));
    return new FixedShapeTensorVector(name, allocator, storage, this);
  }

  @Override
  public String toString() {
    return sqlName();
  }

  @Override
  public int hashCode() {
    return 31 * elementType.hashCode() + Arrays.hashCode(shape);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FixedShapeTensorType t && extensionEquals(t);
  }
}
