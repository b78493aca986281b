package io.quiver.executor.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.PlanExecutor;
import io.quiver.executor.plan.GatherNode;
import io.quiver.executor.plan.ScanNode;
import io.quiver.executor.source.range.RangeSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A statement's execution reads through the sources its planning created: created (listed) once. */
class PlannedSourcesTest {
  private static final String COUNTED = "planned_sources_test_range";
  private static final AtomicInteger CREATED = new AtomicInteger();
  private static final Map<String, Object> ARGS = Map.of("start", 0L, "stop", 1000L);
  private static ExecutorService pool;

  @BeforeAll
  static void register() {
    Sources.register(COUNTED, (args, settings) -> {
      CREATED.incrementAndGet();
      return new RangeSource(args);
    });
    pool = Executors.newFixedThreadPool(2);
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
  }

  @Test
  void executionReusesThePlannedSource() {
    PlannedSources planned = new PlannedSources();
    CREATED.set(0);
    ScanNode scan = new ScanNode(COUNTED, ARGS, planned.schema(COUNTED, ARGS, Map.of()), new int[] {0}, List.of(), -1);
    assertSame(planned.source(COUNTED, ARGS, Map.of()), planned.source(COUNTED, Map.of("start", 0L, "stop", 1000L), Map.of()));
    try (RootAllocator allocator = new RootAllocator()) {
      ExecContext ctx = new ExecContext(allocator, Map.of("batch_size", "100"), pool, null);
      ctx.attachment(PlannedSources.class, planned::snapshot);
      assertEquals(1000, rows(scan, ctx));
      assertEquals(1000, rows(new GatherNode(scan, 2), ctx));
    }
    assertEquals(1, CREATED.get(), "one source for planning, the plain scan and the gathered scan");
  }

  @Test
  void withoutPlannedSourcesExecutionCreatesItsOwn() {
    CREATED.set(0);
    ScanNode scan = new ScanNode(COUNTED, ARGS, new RangeSource(ARGS).schema(), new int[] {0}, List.of(), -1);
    try (RootAllocator allocator = new RootAllocator()) {
      ExecContext ctx = new ExecContext(allocator, Map.of("batch_size", "100"), pool, null);
      assertEquals(1000, rows(new GatherNode(scan, 2), ctx));
    }
    assertEquals(1, CREATED.get());
  }

  @Test
  void aSnapshotKeepsItsSourcesWhenThePlanningMapIsCleared() {
    PlannedSources planned = new PlannedSources();
    TableSource first = planned.source(COUNTED, ARGS, Map.of());
    PlannedSources snapshot = planned.snapshot();
    planned.clear();
    assertSame(first, snapshot.source(COUNTED, ARGS, Map.of()));
    TableSource next = planned.source(COUNTED, ARGS, Map.of());
    assertEquals(false, next == first, "a new statement creates (lists) its sources anew");
  }

  private static long rows(io.quiver.executor.plan.PhysicalNode plan, ExecContext ctx) {
    long rows = 0;
    try (BatchStream s = PlanExecutor.execute(plan, ctx)) {
      for (VectorSchemaRoot b = s.next(); b != null; b = s.next()) {
        rows += b.getRowCount();
        b.close();
      }
    }
    return rows;
  }
}
