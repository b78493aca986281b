package io.quiver.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.sql.statement.StatementSplitter;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {
  @Test
  void splitsOutsideQuotesAndComments() {
    assertEquals(List.of("SELECT ';' AS a", "SELECT \"x;y\" FROM t", "-- c; d\nSELECT 2"),
        StatementSplitter.split("SELECT ';' AS a; SELECT \"x;y\" FROM t;\n-- c; d\nSELECT 2;  -- end"));
    assertEquals(List.of("SELECT 'it''s;'"), StatementSplitter.split("SELECT 'it''s;' ; /* ; */"));
  }

  @Test
  void completeness() {
    assertTrue(StatementSplitter.isComplete("SELECT 1;"));
    assertFalse(StatementSplitter.isComplete("SELECT ';'"));
    assertFalse(StatementSplitter.isComplete("SELECT 1 -- ;"));
  }
}
