package io.quiver.udf.torchscript;

import io.quiver.udf.FunctionContext;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/** The little the engine's context does, for calling the function directly in tests. */
record TestContext(BufferAllocator allocator, Map<String, String> options) implements FunctionContext {
  @Override
  public String functionName() {
    return "torchscript";
  }

  @Override
  public int actorIndex() {
    return 0;
  }

  @Override
  public int[] gpuIds() {
    return new int[0];
  }
}
