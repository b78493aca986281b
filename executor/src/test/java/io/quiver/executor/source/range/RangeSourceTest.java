package io.quiver.executor.source.range;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.ExecContext;
import io.quiver.executor.QuiverException;
import io.quiver.executor.source.ScanSpec;
import io.quiver.executor.source.SourceTestSupport;
import io.quiver.executor.source.Sources;
import io.quiver.executor.source.TableSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RangeSourceTest {
  private RootAllocator allocator;
  private ExecContext ctx;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
    ctx = SourceTestSupport.context(allocator, Map.of("batch_size", "4"));
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  private List<Long> read(Map<String, Object> args, long limit) {
    TableSource source = Sources.create("range", args);
    List<Long> out = new ArrayList<>();
    ScanSpec spec = new ScanSpec(new int[] {0}, List.of(), limit);
    SourceTestSupport.scan(source, spec, ctx, batch -> {
      BigIntVector id = (BigIntVector) batch.getVector("id");
      for (int i = 0; i < batch.getRowCount(); i++) {
        out.add(id.get(i));
      }
    });
    return out;
  }

  @Test
  void singleArgumentIsACount() {
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), read(Map.of("start", 10L), -1));
    assertEquals(List.of(), read(Map.of("start", 0L), -1));
    assertEquals(List.of(), read(Map.of("start", -3L), -1));
  }

  @Test
  void startStopAndStep() {
    assertEquals(List.of(3L, 4L, 5L), read(Map.of("start", 3L, "stop", 6L), -1));
    assertEquals(List.of(2L, 5L, 8L), read(Map.of("start", 2L, "stop", 10L, "step", 3L), -1));
    assertEquals(List.of(10L, 7L, 4L, 1L), read(Map.of("start", 10L, "stop", 0L, "step", -3L), -1));
    assertEquals(List.of(), read(Map.of("start", 5L, "stop", 5L), -1));
    assertEquals(List.of(), read(Map.of("start", 5L, "stop", 1L), -1));
  }

  @Test
  void splitsAreWholeBatchesAndTheLimitShortensTheRange() {
    TableSource source = Sources.create("range", Map.of("start", 10L));
    assertEquals(3, source.splits(ScanSpec.all(source.schema()), ctx).size()); // 4 + 4 + 2 rows
    assertEquals(1, source.splits(new ScanSpec(new int[] {0}, List.of(), 3), ctx).size());
    assertEquals(List.of(0L, 1L, 2L), read(Map.of("start", 10L), 3));
  }

  @Test
  void hugeRangesKeepTheNumberOfSplitsBounded() {
    RangeSource source = new RangeSource(Map.of("start", Long.MIN_VALUE, "stop", Long.MAX_VALUE));
    assertEquals(Long.MAX_VALUE, source.rowCount());
    assertTrue(source.splits(ScanSpec.all(source.schema()), ctx).size() <= RangeSource.MAX_SPLITS);
    assertEquals(List.of(Long.MIN_VALUE, Long.MIN_VALUE + 1), read(Map.of("start", Long.MIN_VALUE, "stop", Long.MAX_VALUE), 2));
  }

  @Test
  void emptyProjectionStillCountsRows() {
    TableSource source = Sources.create("range", Map.of("start", 9L));
    long rows = SourceTestSupport.scan(source, new ScanSpec(new int[0], List.of(), -1), ctx, b -> {
      assertEquals(0, b.getFieldVectors().size());
    });
    assertEquals(9, rows);
  }

  @Test
  void badArgumentsAreClearErrors() {
    QuiverException e = assertThrows(QuiverException.class,
        () -> Sources.create("range", Map.of("start", 1L, "stop", 5L, "step", 0L)));
    assertTrue(e.getMessage().contains("step must not be 0"), e.getMessage());
    e = assertThrows(QuiverException.class, () -> Sources.create("range", Map.of("count", 1L)));
    assertTrue(e.getMessage().contains("unknown argument"), e.getMessage());
    e = assertThrows(QuiverException.class, () -> Sources.create("range", Map.of("start", "ten")));
    assertTrue(e.getMessage().contains("'start' must be a whole number"), e.getMessage());
  }
}
