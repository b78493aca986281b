package io.quiver.executor.operator;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.vector.Batches;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** Inputs large enough to spill under a small {@code memory_limit}, and the contexts to run them in. */
final class SpillTestData {
  /** id BIGINT (0..n-1), k BIGINT (id % groups), r DOUBLE (seeded random), s VARCHAR ('s' || k). */
  static final Schema SCHEMA = TestData.schema("id", TestData.INT64, "k", TestData.INT64, "r", TestData.FLOAT8,
      "s", TestData.UTF8);

  private SpillTestData() {}

  /** A context with {@code batch_size} 4096, the given spill dir and, if not null, {@code memory_limit}. */
  static ExecContext ctx(BufferAllocator allocator, Path spillDir, String memoryLimit) {
    Map<String, String> settings = new HashMap<>();
    settings.put("batch_size", "4096");
    settings.put("spill_dir", spillDir.toString());
    if (memoryLimit != null) {
      settings.put("memory_limit", memoryLimit);
    }
    return new ExecContext(allocator, settings, null, null);
  }

  /** {@code rows} rows in batches of {@code batchRows}, made on demand. */
  static BatchStream rows(BufferAllocator allocator, long rows, int batchRows, long groups, long seed) {
    return new BatchStream() {
      private long next;
      private final SplittableRandom random = new SplittableRandom(seed);

      @Override
      public Schema schema() {
        return SCHEMA;
      }

      @Override
      public VectorSchemaRoot next() {
        if (next >= rows) {
          return null;
        }
        int n = (int) Math.min(batchRows, rows - next);
        VectorSchemaRoot root = Batches.empty(SCHEMA, allocator);
        root.allocateNew();
        BigIntVector id = (BigIntVector) root.getVector(0);
        BigIntVector k = (BigIntVector) root.getVector(1);
        Float8Vector r = (Float8Vector) root.getVector(2);
        VarCharVector s = (VarCharVector) root.getVector(3);
        for (int i = 0; i < n; i++) {
          long v = next + i;
          id.setSafe(i, v);
          k.setSafe(i, v % groups);
          r.setSafe(i, random.nextDouble());
          s.setSafe(i, ("s" + (v % groups)).getBytes(StandardCharsets.UTF_8));
        }
        root.setRowCount(n);
        next += n;
        return root;
      }

      @Override
      public void close() {}
    };
  }

  static long filesIn(Path dir) {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
