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
 * a row-major tensor of the same shape, stored as a {@code FixedSizeList<element>(size)} where
 * {@code size} is the product of the shape. SQL shows it as {@code TENSOR<UINT8>[28,28]}.
 *
 * <p>Make one with {@link #uint8}, {@link #float32}, the constructor or {@link #parse}; give a UDF's result
 * column its type with {@link #field}; allocate and fill vectors with {@link TensorVectors}.
 *
 * <p>Serialized metadata (the {@code ARROW:extension:metadata} of the field) is the canonical
 * {@code {"shape":[28,28]}} plus one extra key, {@code "element_type":"UINT8"}: Arrow Java rebuilds an
 * extension type from the storage type alone ({@code FixedSizeList(784)}), which does not name the
 * element type, so without the key a FLOAT tensor read back from IPC would come back as UINT8. Other
 * readers (pyarrow, DuckDB) ignore the extra key. Metadata written elsewhere without it is read as UINT8.
 */
public final class FixedShapeTensorType extends ExtensionType {
  /** The canonical extension name, {@code arrow.fixed_shape_tensor}. */
  public static final String EXTENSION_NAME = "arrow.fixed_shape_tensor";

  /** The metadata key holding the element type's SQL name (see the class comment). */
  static final String ELEMENT_TYPE_KEY = "element_type";

  private static final ArrowType DEFAULT_ELEMENT = new ArrowType.Int(8, false);

  static {
    ExtensionTypeRegistry.register(new FixedShapeTensorType(DEFAULT_ELEMENT, new int[] {1}));
  }

  private final ArrowType elementType;
  private final int[] shape;

  /**
   * A tensor type of {@code elementType} (an {@code ArrowType.Int}, {@code FloatingPoint} or
   * {@code Bool}) and {@code shape} (row-major, outermost dimension first, no negative dimension).
   */
  public FixedShapeTensorType(ArrowType elementType, int[] shape) {
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative tensor dimension in " + Arrays.toString(shape));
      }
    }
    this.elementType = elementType;
    this.shape = shape.clone();
  }

  /** Makes sure the type is registered, so Arrow IPC readers rebuild it from field metadata. */
  public static void ensureRegistered() {
    // The static initializer does the work.
  }

  /** A tensor of unsigned bytes, e.g. {@code uint8(28, 28)} for a grayscale image. */
  public static FixedShapeTensorType uint8(int... shape) {
    return new FixedShapeTensorType(new ArrowType.Int(8, false), shape);
  }

  /** A tensor of 32-bit floats, e.g. {@code float32(1, 28, 28)}. */
  public static FixedShapeTensorType float32(int... shape) {
    return new FixedShapeTensorType(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE), shape);
  }

  /**
   * Parses the SQL-facing name {@link #sqlName} prints, e.g. {@code TENSOR<FLOAT>[1,28,28]} (spaces and
   * case do not matter; element names as {@link TensorElements#parse}).
   *
   * @throws IllegalArgumentException when {@code sql} is not such a name
   */
  public static FixedShapeTensorType parse(String sql) {
    String s = sql.replace(" ", "").trim();
    int lt = s.indexOf('<');
    int gt = s.indexOf('>');
    int open = s.indexOf('[');
    if (!s.regionMatches(true, 0, "TENSOR<", 0, 7) || gt < lt || open != gt + 1 || !s.endsWith("]")) {
      throw new IllegalArgumentException("'" + sql + "' is not a tensor type; write it like TENSOR<FLOAT>[1,28,28]");
    }
    ArrowType element = TensorElements.parse(s.substring(lt + 1, gt));
    try {
      return new FixedShapeTensorType(element, parseDims(s.substring(open + 1, s.length() - 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + sql + "' has a bad shape; write it like TENSOR<FLOAT>[1,28,28]", e);
    }
  }

  /** True when {@code sql} looks like a tensor type name ({@code TENSOR<...>[...]}), whatever its case. */
  public static boolean isTensorName(String sql) {
    return sql != null && sql.trim().regionMatches(true, 0, "TENSOR", 0, 6);
  }

  /** The element type, e.g. {@code ArrowType.Int(8, false)} for UINT8. */
  public ArrowType elementType() {
    return elementType;
  }

  /** The shape, outermost dimension first (a copy). */
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

  /** The storage type: a {@code FixedSizeList} of {@link #size()} elements. */
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

  /** {@code {"shape":[28,28],"element_type":"UINT8"}} (see the class comment). */
  @Override
  public String serialize() {
    return Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(",", "{\"shape\":[", "],"))
        + "\"" + ELEMENT_TYPE_KEY + "\":\"" + TensorElements.sqlName(elementType) + "\"}";
  }

  /**
   * Rebuilds the type from {@link #serialize}'s JSON. Reads the {@code shape} array and, when present,
   * {@code element_type}; other keys of the canonical metadata ({@code dim_names}, {@code permutation})
   * are ignored.
   */
  @Override
  public ArrowType deserialize(ArrowType storageType, String serializedData) {
    String shapeJson = valueAfterKey(serializedData, "shape");
    if (shapeJson == null || shapeJson.indexOf('[') != 0 || shapeJson.indexOf(']') < 0) {
      throw new IllegalArgumentException("fixed_shape_tensor metadata without a shape: " + serializedData);
    }
    int[] dims = parseDims(shapeJson.substring(1, shapeJson.indexOf(']')));
    String elementJson = valueAfterKey(serializedData, ELEMENT_TYPE_KEY);
    ArrowType element = elementType;
    if (elementJson != null && elementJson.startsWith("\"") && elementJson.indexOf('"', 1) > 0) {
      element = TensorElements.parse(elementJson.substring(1, elementJson.indexOf('"', 1)));
    }
    FixedShapeTensorType type = new FixedShapeTensorType(element, dims);
    if (storageType instanceof ArrowType.FixedSizeList list && list.getListSize() != type.size()) {
      throw new IllegalArgumentException("fixed_shape_tensor of shape " + Arrays.toString(dims)
          + " stored in a FixedSizeList of " + list.getListSize() + " elements");
    }
    return type;
  }

  /** The JSON text right after {@code "key":} (whitespace skipped), or null when the key is absent. */
  private static String valueAfterKey(String json, String key) {
    int at = json.indexOf("\"" + key + "\"");
    if (at < 0) {
      return null;
    }
    int colon = json.indexOf(':', at + key.length() + 2);
    return colon < 0 ? null : json.substring(colon + 1).trim();
  }

  private static int[] parseDims(String inner) {
    return inner.isBlank() ? new int[0]
        : Arrays.stream(inner.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
  }

  /** A new {@link FixedShapeTensorVector} of this type whose storage already has its element child. */
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
