package io.quiver.executor.source;

import java.util.Map;

/**
 * Creates the source of one table function from its arguments. Argument values are String, Long,
 * Double or Boolean, keyed by parameter name (lower case); omitted optional arguments are absent.
 */
@FunctionalInterface
public interface SourceFactory {
  TableSource create(Map<String, Object> args);
}
