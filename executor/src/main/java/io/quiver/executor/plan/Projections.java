package io.quiver.executor.plan;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** The schema of a projection: the chosen columns of a schema, in the chosen order. */
public final class Projections {
  private Projections() {}

  public static Schema project(Schema full, int[] projection) {
    List<Field> fields = new ArrayList<>(projection.length);
    for (int i : projection) {
      fields.add(full.getFields().get(i));
    }
    return new Schema(fields);
  }
}
