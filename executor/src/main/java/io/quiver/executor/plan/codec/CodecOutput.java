package io.quiver.executor.plan.codec;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The writing half of the codec's primitives: strings, arrays, maps, Arrow schemas and types, and the
 * loosely typed constants plans carry (literal values, scan arguments). {@link CodecInput} reads them.
 */
final class CodecOutput {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
  private final DataOutputStream out = new DataOutputStream(bytes);
  private final UnaryOperator<String> jarName;

  CodecOutput() {
    this(UnaryOperator.identity());
  }

  /** @param jarName what a UDF jar path is written as (a sender may name jars by content hash) */
  CodecOutput(UnaryOperator<String> jarName) {
    this.jarName = jarName;
  }

  String jarName(String path) {
    return jarName.apply(path);
  }

  byte[] toByteArray() {
    return bytes.toByteArray();
  }

  void writeByte(int v) {
    try {
      out.writeByte(v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void writeBoolean(boolean v) {
    writeByte(v ? 1 : 0);
  }

  void writeInt(int v) {
    try {
      out.writeInt(v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void writeLong(long v) {
    try {
      out.writeLong(v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void writeDouble(double v) {
    writeLong(Double.doubleToRawLongBits(v));
  }

  void writeBytes(byte[] v) {
    writeInt(v.length);
    try {
      out.write(v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A nullable string (UTF-8 bytes; -1 length for null, so strings of any length work). */
  void writeString(String s) {
    if (s == null) {
      writeInt(-1);
    } else {
      writeBytes(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  void writeInts(int[] v) {
    writeInt(v.length);
    for (int i : v) {
      writeInt(i);
    }
  }

  void writeLongs(long[] v) {
    writeInt(v.length);
    for (long l : v) {
      writeLong(l);
    }
  }

  void writeStringMap(Map<String, String> m) {
    writeInt(m.size());
    m.forEach((k, v) -> {
      writeString(k);
      writeString(v);
    });
  }

  void writeDoubleMap(Map<String, Double> m) {
    writeInt(m.size());
    m.forEach((k, v) -> {
      writeString(k);
      writeDouble(v);
    });
  }

  /** A schema as an Arrow IPC schema message: field names, nullability, metadata and extension types. */
  void writeSchema(Schema schema) {
    writeBytes(schema.serializeAsMessage());
  }

  /** A type alone, as a one-field schema (so extension types travel with their name and metadata). */
  void writeType(ArrowType type) {
    writeSchema(new Schema(List.of(Field.nullable("t", type))));
  }

  void writeField(Field field) {
    writeSchema(new Schema(List.of(field)));
  }

  /**
   * A constant of the kinds plans hold: null, Boolean, Byte/Short/Integer/Long, Float/Double,
   * BigDecimal, String, byte[], and Lists and Maps of those.
   */
  void writeValue(Object v) {
    if (v == null) {
      writeByte(ValueTag.NULL);
    } else if (v instanceof Boolean b) {
      writeByte(ValueTag.BOOLEAN);
      writeBoolean(b);
    } else if (v instanceof Byte b) {
      writeByte(ValueTag.BYTE);
      writeByte(b);
    } else if (v instanceof Short s) {
      writeByte(ValueTag.SHORT);
      writeInt(s);
    } else if (v instanceof Integer i) {
      writeByte(ValueTag.INT);
      writeInt(i);
    } else if (v instanceof Long l) {
      writeByte(ValueTag.LONG);
      writeLong(l);
    } else if (v instanceof Float f) {
      writeByte(ValueTag.FLOAT);
      writeInt(Float.floatToRawIntBits(f));
    } else if (v instanceof Double d) {
      writeByte(ValueTag.DOUBLE);
      writeDouble(d);
    } else if (v instanceof BigDecimal d) {
      writeByte(ValueTag.DECIMAL);
      writeString(d.toString());
    } else if (v instanceof String s) {
      writeByte(ValueTag.STRING);
      writeString(s);
    } else if (v instanceof byte[] b) {
      writeByte(ValueTag.BINARY);
      writeBytes(b);
    } else if (v instanceof List<?> list) {
      writeByte(ValueTag.LIST);
      writeInt(list.size());
      list.forEach(this::writeValue);
    } else if (v instanceof Map<?, ?> map) {
      writeByte(ValueTag.MAP);
      writeInt(map.size());
      map.forEach((k, x) -> {
        writeValue(k);
        writeValue(x);
      });
    } else {
      throw new IllegalArgumentException("PlanCodec cannot encode a constant of class " + v.getClass().getName()
          + " (" + v + ")");
    }
  }
}
