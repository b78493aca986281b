package io.quiver.executor.plan.codec;

import io.quiver.udf.tensor.FixedShapeTensorType;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** The reading half of the codec's primitives; see {@link CodecOutput}. */
final class CodecInput {
  static {
    // Tensor columns must come back as the extension type, not as their storage type.
    FixedShapeTensorType.ensureRegistered();
  }

  private final DataInputStream in;
  private final UnaryOperator<String> jarPath;

  CodecInput(byte[] bytes) {
    this(bytes, UnaryOperator.identity());
  }

  CodecInput(byte[] bytes, UnaryOperator<String> jarPath) {
    this.in = new DataInputStream(new ByteArrayInputStream(bytes));
    this.jarPath = jarPath;
  }

  /** Where a UDF jar named by the sender lives here. */
  String jarPath(String senderPath) {
    return jarPath.apply(senderPath);
  }

  int readByte() {
    try {
      return in.readByte();
    } catch (IOException e) {
      throw truncated(e);
    }
  }

  boolean readBoolean() {
    return readByte() != 0;
  }

  int readInt() {
    try {
      return in.readInt();
    } catch (IOException e) {
      throw truncated(e);
    }
  }

  long readLong() {
    try {
      return in.readLong();
    } catch (IOException e) {
      throw truncated(e);
    }
  }

  double readDouble() {
    return Double.longBitsToDouble(readLong());
  }

  byte[] readBytes() {
    int n = readInt();
    byte[] b = new byte[n];
    try {
      in.readFully(b);
    } catch (IOException e) {
      throw truncated(e);
    }
    return b;
  }

  String readString() {
    int n = readInt();
    if (n < 0) {
      return null;
    }
    byte[] b = new byte[n];
    try {
      in.readFully(b);
    } catch (IOException e) {
      throw truncated(e);
    }
    return new String(b, StandardCharsets.UTF_8);
  }

  int[] readInts() {
    int[] v = new int[readInt()];
    for (int i = 0; i < v.length; i++) {
      v[i] = readInt();
    }
    return v;
  }

  long[] readLongs() {
    long[] v = new long[readInt()];
    for (int i = 0; i < v.length; i++) {
      v[i] = readLong();
    }
    return v;
  }

  Map<String, String> readStringMap() {
    int n = readInt();
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      m.put(readString(), readString());
    }
    return m;
  }

  Map<String, Double> readDoubleMap() {
    int n = readInt();
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      m.put(readString(), readDouble());
    }
    return m;
  }

  Schema readSchema() {
    return Schema.deserializeMessage(ByteBuffer.wrap(readBytes()));
  }

  ArrowType readType() {
    return readField().getType();
  }

  Field readField() {
    return readSchema().getFields().get(0);
  }

  Object readValue() {
    int tag = readByte();
    switch (tag) {
      case ValueTag.NULL:
        return null;
      case ValueTag.BOOLEAN:
        return readBoolean();
      case ValueTag.BYTE:
        return (byte) readByte();
      case ValueTag.SHORT:
        return (short) readInt();
      case ValueTag.INT:
        return readInt();
      case ValueTag.LONG:
        return readLong();
      case ValueTag.FLOAT:
        return Float.intBitsToFloat(readInt());
      case ValueTag.DOUBLE:
        return readDouble();
      case ValueTag.DECIMAL:
        return new BigDecimal(readString());
      case ValueTag.STRING:
        return readString();
      case ValueTag.BINARY:
        return readBytes();
      case ValueTag.LIST: {
        int n = readInt();
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          list.add(readValue());
        }
        return list;
      }
      case ValueTag.MAP: {
        int n = readInt();
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
          map.put(readValue(), readValue());
        }
        return map;
      }
      default:
        throw new IllegalArgumentException("corrupt plan bytes: unknown constant tag " + tag);
    }
  }

  private static IllegalArgumentException truncated(IOException e) {
    return new IllegalArgumentException("corrupt plan bytes: truncated (" + e + ")", e);
  }
}
