package io.quiver.executor.udf;

import io.quiver.executor.QuiverException;
import io.quiver.udf.AggregateFunction;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * One opened instance of a user aggregate, with every call made under the jar's context class loader
 * and failures reported with the function's name.
 */
public final class AggregateInstance {
  private final UdfSpec spec;
  private final AggregateFunction<Serializable> function;
  private final ClassLoader loader;

  @SuppressWarnings("unchecked")
  public AggregateInstance(UdfSpec spec, BufferAllocator allocator) {
    this.spec = spec;
    this.function = (AggregateFunction<Serializable>) UdfClasses.instantiate(spec);
    this.loader = function.getClass().getClassLoader();
    UdfContext ctx = new UdfContext(allocator, spec.options(), spec.name(), 0, new int[0]);
    call("open", () -> {
      function.open(ctx);
      return null;
    });
  }

  public Serializable create() {
    return call("create", function::create);
  }

  public Serializable update(Serializable state, List<FieldVector> args, int[] rows, int count) {
    return call("update", () -> function.update(state, args, rows, count));
  }

  public Serializable merge(Serializable left, Serializable right) {
    return call("merge", () -> function.merge(left, right));
  }

  public void finish(Serializable state, FieldVector out, int index) {
    call("finish", () -> {
      function.finish(state, out, index);
      return null;
    });
  }

  /** Options the function was created with (for tests and EXPLAIN). */
  public Map<String, String> options() {
    return spec.options();
  }

  private <T> T call(String method, java.util.concurrent.Callable<T> body) {
    try {
      return ContextLoader.call(loader, body);
    } catch (QuiverException e) {
      throw e;
    } catch (Exception e) {
      throw new QuiverException("Aggregate function " + spec.name() + ": " + method + "() failed: " + e, e);
    }
  }
}
