package io.quiver.executor.udf;

import io.quiver.udf.FunctionContext;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/** The {@link FunctionContext} one instance (actor) of a UDF gets. */
record UdfContext(BufferAllocator allocator, Map<String, String> options, String functionName, int actorIndex,
    int[] gpus) implements FunctionContext {

  @Override
  public int[] gpuIds() {
    return gpus.clone();
  }
}
