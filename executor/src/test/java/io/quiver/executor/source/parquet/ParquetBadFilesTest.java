package io.quiver.executor.source.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.QuiverException;
import io.quiver.executor.source.ScanSpec;
import io.quiver.executor.source.SourceTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parquet-testing {@code bad_data} files: each fails with a QuiverException naming the file, in
 * bounded time and without leaking memory. The one exception is ARROW-GH-43605, whose only oddity is a
 * dictionary-id bit width of 0 (legal: every id is 0); it crashed Arrow's Go reader, and every other
 * reader (DuckDB, Arrow C++ after the fix) reads its 21186 zeros, so it is checked to do so here too.
 */
class ParquetBadFilesTest {
  private static final Path DIR = SourceTestSupport.sharedData().resolve("parquet-testing").resolve("bad_data");
  private static final String READABLE = "ARROW-GH-43605.parquet";

  static Stream<Path> badFiles() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.filter(f -> f.toString().endsWith(".parquet"))
          .filter(f -> !f.getFileName().toString().equals(READABLE)).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("badFiles")
  void badFileFailsWithAMessageNamingIt(Path file) {
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      try (RootAllocator allocator = new RootAllocator()) {
        QuiverException e = assertThrows(QuiverException.class, () -> {
          ParquetSource source = new ParquetSource(Map.of("path", file.toString()));
          SourceTestSupport.readAll(source, ScanSpec.all(source.schema()), SourceTestSupport.context(allocator, 1000));
        });
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
        assertTrue(e.getMessage().startsWith("read_parquet:"), e.getMessage());
      }
    });
  }

  @Test
  void zeroBitWidthDictionaryIdsReadAsTheFirstEntry() {
    Path file = DIR.resolve(READABLE);
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      try (RootAllocator allocator = new RootAllocator()) {
        ParquetSource source = new ParquetSource(Map.of("path", file.toString()));
        List<List<Object>> rows = SourceTestSupport.readAll(source, ScanSpec.all(source.schema()),
            SourceTestSupport.context(allocator, 4096));
        assertEquals(21186, rows.size());
        assertTrue(rows.stream().allMatch(r -> Integer.valueOf(0).equals(r.get(0))));
      }
    });
  }
}
