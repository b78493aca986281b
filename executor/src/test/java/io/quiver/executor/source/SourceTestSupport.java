package io.quiver.executor.source;

import io.quiver.executor.ExecContext;
import io.quiver.executor.operator.ScanOperator;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Shared helpers for source tests: a context, draining a scan, the shared test data folder. */
public final class SourceTestSupport {
  private SourceTestSupport() {}

  public static ExecContext context(BufferAllocator allocator, Map<String, String> settings) {
    return new ExecContext(allocator, settings, null, null);
  }

  /** Runs a scan of {@code source} to the end, handing every batch to {@code each} and closing it. */
  public static long scan(TableSource source, ScanSpec spec, ExecContext ctx, Consumer<VectorSchemaRoot> each) {
    long rows = 0;
    try (ScanOperator scan = new ScanOperator(source, spec, null, ctx)) {
      for (VectorSchemaRoot next = scan.next(); next != null; next = scan.next()) {
        try (VectorSchemaRoot batch = next) {
          rows += batch.getRowCount();
          each.accept(batch);
        }
      }
    }
    return rows;
  }

  /** {@code shared/data}, as the build passes it (or relative to the module when run by hand). */
  public static Path sharedData() {
    return Paths.get(System.getProperty("quiver.sharedData", "../../shared/data"));
  }
}
