package io.quiver.sql.functions;

import org.apache.calcite.sql.type.SqlTypeName;

/** One parameter of a table function: its name (lower case), SQL type and whether it may be omitted. */
public record TableFunctionParam(String name, SqlTypeName type, boolean optional) {
  public static TableFunctionParam required(String name, SqlTypeName type) {
    return new TableFunctionParam(name, type, false);
  }

  public static TableFunctionParam optional(String name, SqlTypeName type) {
    return new TableFunctionParam(name, type, true);
  }
}
