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

  /**
   * A state as bytes (Java serialization: states are {@link Serializable}), so a cluster's partial
   * aggregation can send it to the task that merges its group.
   */
  public byte[] serialize(Serializable state) {
    return call("serialize state", () -> {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
        out.writeObject(state);
      }
      return bytes.toByteArray();
    });
  }

  /** A state {@link #serialize}d by an instance of the same function, resolving classes in its jar. */
  public Serializable deserialize(byte[] bytes) {
    return call("deserialize state", () -> {
      try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes)) {
        @Override
        protected Class<?> resolveClass(java.io.ObjectStreamClass desc) throws java.io.IOException, ClassNotFoundException {
          try {
            return Class.forName(desc.getName(), false, loader);
          } catch (ClassNotFoundException e) {
            return super.resolveClass(desc);
          }
        }
      }) {
        return (Serializable) in.readObject();
      }
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
