package io.quiver.executor.udf;

import java.util.Map;

/**
 * A registered UDF as plans carry it: the SQL name, the class and the jar it lives in (an absolute local
 * path, or null for the engine's class path), the options the function sees and the engine's hints.
 */
public record UdfSpec(String name, String className, String jar, Kind kind, Map<String, String> options,
    UdfHints hints) {

  /** Scalar batch function or aggregate. */
  public enum Kind { BATCH, AGGREGATE }

  public UdfSpec {
    options = Map.copyOf(options);
  }
}
