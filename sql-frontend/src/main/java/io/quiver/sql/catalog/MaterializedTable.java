package io.quiver.sql.catalog;

import io.quiver.sql.types.TypeMapping;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.impl.AbstractTable;

/** A table made by {@code CREATE TABLE ... AS}: Calcite sees its row type, the planner its name. */
public final class MaterializedTable extends AbstractTable {
  private final String name;
  private final Schema schema;

  public MaterializedTable(String name, Schema schema) {
    this.name = name;
    this.schema = schema;
  }

  public String name() {
    return name;
  }

  /** The Arrow schema of the stored batches (tensor shapes included). */
  public Schema arrowSchema() {
    return schema;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return TypeMapping.toRelType(schema, typeFactory);
  }
}
