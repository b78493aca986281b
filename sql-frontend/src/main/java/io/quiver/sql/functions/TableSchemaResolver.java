package io.quiver.sql.functions;

import java.util.Map;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Answers the schema of a table function call from its constant arguments (e.g. by reading a Parquet
 * footer). Supplied by whoever owns the sources, so the front end stays free of execution code.
 */
@FunctionalInterface
public interface TableSchemaResolver {
  Schema schemaOf(String function, Map<String, Object> args);
}
