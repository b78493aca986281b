package io.quiver.executor.source.parquet;

import io.quiver.executor.vector.JsonStrings;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.OriginalType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Renders a nested Parquet value (struct, map, list of lists, ...) as JSON text, the Utf8 form the
 * engine reads such fields in: structs become objects, LIST groups arrays, MAP groups objects keyed by
 * the key's text, strings and other text strings, binaries base64 strings, decimals numbers, dates
 * day numbers, timestamps (INT96 included) microseconds since the epoch.
 */
final class NestedJson {
  private NestedJson() {}

  /** The JSON text of field {@code index} of {@code parent}, or null if it is absent (NULL). */
  static String field(Group parent, int index) {
    Type t = parent.getType().getType(index);
    int count = parent.getFieldRepetitionCount(index);
    if (count == 0 && !t.isRepetition(Type.Repetition.REPEATED)) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    appendField(sb, parent, index);
    return sb.toString();
  }

  private static void appendField(StringBuilder sb, Group parent, int index) {
    Type t = parent.getType().getType(index);
    int count = parent.getFieldRepetitionCount(index);
    if (t.isRepetition(Type.Repetition.REPEATED)) {
      sb.append('[');
      for (int i = 0; i < count; i++) {
        if (i > 0) {
          sb.append(',');
        }
        appendValue(sb, parent, index, i);
      }
      sb.append(']');
    } else if (count == 0) {
      sb.append("null");
    } else {
      appendValue(sb, parent, index, 0);
    }
  }

  private static void appendValue(StringBuilder sb, Group parent, int index, int i) {
    Type t = parent.getType().getType(index);
    if (t.isPrimitive()) {
      appendPrimitive(sb, parent, index, i, t.asPrimitiveType());
      return;
    }
    Group g = parent.getGroup(index, i);
    GroupType gt = t.asGroupType();
    if (isAnnotated(gt, LogicalTypeAnnotation.listType(), OriginalType.LIST) && gt.getFieldCount() == 1) {
      appendList(sb, g, gt);
    } else if ((isAnnotated(gt, LogicalTypeAnnotation.mapType(), OriginalType.MAP)
        || gt.getOriginalType() == OriginalType.MAP_KEY_VALUE) && gt.getFieldCount() == 1
        && !gt.getType(0).isPrimitive() && gt.getType(0).asGroupType().getFieldCount() >= 1) {
      appendMap(sb, g);
    } else {
      appendStruct(sb, g);
    }
  }

  private static boolean isAnnotated(GroupType g, LogicalTypeAnnotation logical, OriginalType original) {
    return logical.equals(g.getLogicalTypeAnnotation()) || g.getOriginalType() == original;
  }

  /** A LIST group: its single repeated child holds the elements (3-level) or is the element (2-level). */
  private static void appendList(StringBuilder sb, Group list, GroupType listType) {
    Type repeated = listType.getType(0);
    int count = list.getFieldRepetitionCount(0);
    boolean threeLevel = !repeated.isPrimitive() && repeated.asGroupType().getFieldCount() == 1
        && !repeated.getName().equals("array") && !repeated.getName().equals(listType.getName() + "_tuple");
    sb.append('[');
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        sb.append(',');
      }
      if (threeLevel) {
        appendField(sb, list.getGroup(0, i), 0);
      } else {
        appendValue(sb, list, 0, i);
      }
    }
    sb.append(']');
  }

  private static void appendMap(StringBuilder sb, Group map) {
    int count = map.getFieldRepetitionCount(0);
    sb.append('{');
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        sb.append(',');
      }
      Group entry = map.getGroup(0, i);
      StringBuilder key = new StringBuilder();
      appendField(key, entry, 0);
      String k = key.toString();
      if (k.startsWith("\"")) {
        sb.append(k);
      } else {
        JsonStrings.append(sb, k);
      }
      sb.append(':');
      if (entry.getType().getFieldCount() > 1) {
        appendField(sb, entry, 1);
      } else {
        sb.append("null");
      }
    }
    sb.append('}');
  }

  private static void appendStruct(StringBuilder sb, Group g) {
    GroupType gt = g.getType();
    sb.append('{');
    for (int f = 0; f < gt.getFieldCount(); f++) {
      if (f > 0) {
        sb.append(',');
      }
      JsonStrings.append(sb, gt.getFieldName(f));
      sb.append(':');
      appendField(sb, g, f);
    }
    sb.append('}');
  }

  private static void appendPrimitive(StringBuilder sb, Group g, int index, int i, PrimitiveType p) {
    LogicalTypeAnnotation l = p.getLogicalTypeAnnotation();
    switch (p.getPrimitiveTypeName()) {
      case BOOLEAN:
        sb.append(g.getBoolean(index, i));
        return;
      case INT32:
        if (l instanceof DecimalLogicalTypeAnnotation d) {
          sb.append(java.math.BigDecimal.valueOf(g.getInteger(index, i), d.getScale()).toPlainString());
        } else {
          sb.append(g.getInteger(index, i));
        }
        return;
      case INT64:
        if (l instanceof DecimalLogicalTypeAnnotation d) {
          sb.append(java.math.BigDecimal.valueOf(g.getLong(index, i), d.getScale()).toPlainString());
        } else {
          sb.append(g.getLong(index, i));
        }
        return;
      case FLOAT:
        appendDouble(sb, g.getFloat(index, i));
        return;
      case DOUBLE:
        appendDouble(sb, g.getDouble(index, i));
        return;
      case INT96:
        sb.append(TimestampCopiers.int96ToMicros(g.getInt96(index, i)));
        return;
      default:
        Binary b = g.getBinary(index, i);
        if (l instanceof DecimalLogicalTypeAnnotation d) {
          sb.append(new java.math.BigDecimal(new java.math.BigInteger(b.getBytes()), d.getScale()).toPlainString());
        } else if (ParquetSchemas.isText(l)) {
          JsonStrings.append(sb, new String(b.getBytes(), StandardCharsets.UTF_8));
        } else {
          JsonStrings.append(sb, Base64.getEncoder().encodeToString(b.getBytes()));
        }
    }
  }

  private static void appendDouble(StringBuilder sb, double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      JsonStrings.append(sb, Double.toString(d));
    } else {
      sb.append(d);
    }
  }
}
