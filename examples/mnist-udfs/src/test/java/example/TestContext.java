package example;

import io.quiver.udf.FunctionContext;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/** The little the engine's context does, for calling the UDFs directly in tests. */
record TestContext(BufferAllocator allocator, Map<String, String> options, String functionName)
    implements FunctionContext {
  @Override
  public int actorIndex() {
    return 0;
  }

  @Override
  public int[] gpuIds() {
    return new int[0];
  }
}
