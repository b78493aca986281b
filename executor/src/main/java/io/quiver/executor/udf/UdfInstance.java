package io.quiver.executor.udf;

import io.quiver.executor.ExecContext;
import io.quiver.executor.QuiverException;
import io.quiver.udf.BatchFunction;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * One opened instance of a batch UDF (an actor's, or a pipeline's for stateless functions): created and
 * opened once, called for every batch, closed at the end, always with the jar's loader as the thread's
 * context class loader.
 */
public final class UdfInstance implements AutoCloseable {
  private final UdfSpec spec;
  private final BatchFunction function;
  private final UdfContext context;
  private final ClassLoader loader;

  private UdfInstance(UdfSpec spec, BatchFunction function, UdfContext context) {
    this.spec = spec;
    this.function = function;
    this.context = context;
    this.loader = function.getClass().getClassLoader();
  }

  /** Creates and opens an instance; errors name the function. */
  public static UdfInstance open(UdfSpec spec, int actorIndex, int[] gpuIds, ExecContext ctx) {
    BatchFunction f = (BatchFunction) UdfClasses.instantiate(spec);
    UdfInstance instance = new UdfInstance(spec, f,
        new UdfContext(ctx.allocator(), spec.options(), spec.name(), actorIndex, gpuIds));
    try {
      ContextLoader.run(instance.loader, () -> f.open(instance.context));
    } catch (Exception e) {
      throw new QuiverException("Function " + spec.name() + ": open() failed: " + e, e);
    }
    return instance;
  }

  /** One call of {@code apply}; the UDF's exceptions pass through. */
  FieldVector apply(List<FieldVector> arguments) throws Exception {
    return ContextLoader.call(loader, () -> function.apply(arguments, context));
  }

  UdfSpec spec() {
    return spec;
  }

  @Override
  public void close() {
    try {
      ContextLoader.run(loader, function::close);
    } catch (Exception e) {
      throw new QuiverException("Function " + spec.name() + ": close() failed: " + e, e);
    }
  }
}
