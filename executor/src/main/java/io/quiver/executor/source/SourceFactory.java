package io.quiver.executor.source;

import java.util.Map;

/**
 * Creates the source of one table function from its arguments. Argument values are String, Long,
 * Double or Boolean, keyed by parameter name (lower case); omitted optional arguments are absent.
 * {@code settings} are the session's (they say how to reach S3, see
 * {@link io.quiver.executor.storage.Storage#of}).
 */
@FunctionalInterface
public interface SourceFactory {
  TableSource create(Map<String, Object> args, Map<String, String> settings);
}
