package io.quiver.udf;

import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What the engine gives a function instance: its options, where to allocate results, and which actor of
 * the pool it is.
 */
public interface FunctionContext {
  /** Allocate result vectors here; the engine takes ownership of the vector {@code apply} returns. */
  BufferAllocator allocator();

  /**
   * The options of {@code CREATE FUNCTION ... WITH (k = v, ...)} that are not execution hints (hints such
   * as {@code batch_size} or {@code concurrency} are the engine's), as strings, keys in lower case.
   */
  Map<String, String> options();

  /** An option, or {@code fallback} when it was not given. */
  default String option(String key, String fallback) {
    return options().getOrDefault(key, fallback);
  }

  /** The SQL name the function was registered under. */
  String functionName();

  /** This instance's actor number within its pool, from 0. */
  int actorIndex();

  /** GPU device ids reserved for this actor ({@code num_gpus}); empty when none. */
  int[] gpuIds();
}
