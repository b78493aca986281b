package io.quiver.udf;

import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What the engine gives a function instance: its options, where to allocate results, and which actor of
 * its pool it is. One context per instance, valid from {@code open} to {@code close}.
 */
public interface FunctionContext {
  /**
   * Allocate result vectors here; the engine takes ownership of the vector {@code apply} returns. Other
   * Arrow memory the function keeps between batches must also come from here and be freed in
   * {@code close}.
   */
  BufferAllocator allocator();

  /**
   * The options of {@code CREATE FUNCTION ... WITH (k = v, ...)} that are not execution hints (hints such
   * as {@code batch_size} or {@code concurrency} are the engine's), as strings, keys in lower case.
   * Example: {@code WITH (model_path = 'm.pt', batch_size = 100)} gives {@code {model_path=m.pt}}.
   */
  Map<String, String> options();

  /** An option, or {@code fallback} when it was not given. */
  default String option(String key, String fallback) {
    return options().getOrDefault(key, fallback);
  }

  /**
   * An option that must be given.
   *
   * @throws IllegalArgumentException naming the function and the option when it is missing or blank
   */
  default String requireOption(String key) {
    String value = options().get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("function " + functionName() + " needs the option " + key
          + ": CREATE FUNCTION " + functionName() + " ... WITH (" + key + " = '...')");
    }
    return value;
  }

  /** The SQL name the function was registered under. */
  String functionName();

  /** This instance's actor number within its pool, from 0 (0 for a function that runs without a pool). */
  int actorIndex();

  /** GPU device ids reserved for this actor ({@code num_gpus}); empty when none. */
  int[] gpuIds();
}
