package io.quiver.server.slt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.plan.PhysicalNode;
import io.quiver.executor.plan.codec.PlanCodec;
import io.quiver.planner.PlanPrinter;
import io.quiver.server.QuiverEngine;
import io.quiver.server.Session;
import io.quiver.server.SessionPlans;
import io.quiver.server.StatementResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every plan the sqllogictest suite makes survives {@link PlanCodec}: decoding gives a plan that prints
 * the same (EXPLAIN text) and encodes to the same bytes. Statements run as in the suite, so later
 * queries see their tables, views and functions.
 */
class PlanCodecSltTest {
  @TempDir
  Path scratch;

  @Test
  void everySuitePlanRoundTrips() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(SqlLogicTest.SLT_DIR)) {
      files = s.filter(p -> p.toString().endsWith(".slt")).sorted().toList();
    }
    int plans = 0;
    for (Path file : files) {
      Path dir = Files.createDirectories(scratch.resolve(file.getFileName().toString()));
      try (QuiverEngine engine = new QuiverEngine(); Session session = engine.newSession()) {
        for (SltRecord r : SltParser.parse(Files.readAllLines(file))) {
          String sql = r.sql().replace("${DATA}", SqlLogicTest.DATA.toString()).replace("${TMP}", dir.toString());
          PhysicalNode plan = null;
          if (r.kind() == SltRecord.Kind.QUERY) {
            try {
              plan = SessionPlans.plan(session, sql);
            } catch (RuntimeException e) {
              continue; // a query the suite expects to fail, or not a plain query
            }
          } else {
            try (StatementResult res = session.execute(sql)) {
              drain(res);
            } catch (RuntimeException e) {
              // statement error records fail on purpose
            }
          }
          if (plan == null) {
            continue;
          }
          String where = file.getFileName() + ":" + r.line();
          byte[] bytes = PlanCodec.encode(plan);
          PhysicalNode back = PlanCodec.decode(bytes);
          assertEquals(PlanPrinter.lines(plan), PlanPrinter.lines(back), where);
          assertEquals(plan.schema(), back.schema(), where);
          assertArrayEquals(bytes, PlanCodec.encode(back), where);
          plans++;
        }
      }
    }
    assertTrue(plans > 100, "only " + plans + " plans checked");
    System.out.println("PlanCodecSltTest: " + plans + " suite plans round-tripped");
  }

  private static void drain(StatementResult res) {
    if (res.hasRows()) {
      VectorSchemaRoot b;
      while ((b = res.stream().next()) != null) {
        b.close();
      }
    }
  }
}
