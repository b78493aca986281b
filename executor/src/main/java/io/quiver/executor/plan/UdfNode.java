package io.quiver.executor.plan;

import io.quiver.executor.udf.UdfSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One call of a batch UDF: passes its input's columns through and appends {@code output}, the function
 * applied to columns {@code args}. Rows keep their order. Stateless functions run inside the pipelines;
 * functions with {@code concurrency} (or resource hints) run in an actor pool of their own.
 */
public record UdfNode(PhysicalNode input, UdfSpec function, int[] args, Field output, Schema schema)
    implements PhysicalNode {

  /** The node with its schema: the input's fields followed by {@code output}. */
  public static UdfNode of(PhysicalNode input, UdfSpec function, int[] args, Field output) {
    List<Field> fields = new ArrayList<>(input.schema().getFields());
    fields.add(output);
    return new UdfNode(input, function, args.clone(), output, new Schema(fields));
  }

  @Override
  public List<PhysicalNode> inputs() {
    return List.of(input);
  }
}
