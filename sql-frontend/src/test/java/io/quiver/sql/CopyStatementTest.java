package io.quiver.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.sql.statement.CopyOptions;
import io.quiver.sql.statement.Statement;
import io.quiver.sql.statement.StatementParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyStatementTest {
  private static Statement.Copy copy(String sql) {
    return (Statement.Copy) StatementParser.parse(sql);
  }

  private static String error(String sql) {
    SqlError e = assertThrows(SqlError.class, () -> StatementParser.parse(sql));
    return ErrorFormatter.format(e, sql);
  }

  @Test
  void queryTargetAndDefaults() {
    Statement.Copy c = copy("-- persist\nCOPY (SELECT * FROM preds WHERE x = ')') TO 'out/mnist_preds' (FORMAT parquet);");
    assertEquals("out/mnist_preds", c.target());
    assertNull(c.table());
    assertEquals("parquet", c.options().format());
    assertFalse(c.options().overwrite());
    assertTrue(c.query().toString().contains("preds"));
  }

  @Test
  void tableFormAndEveryOption() {
    Statement.Copy c = copy("copy Preds to 's3://bucket/it''s' (format 'PARQUET', partition_by (label, \"Year\"), "
        + "overwrite, codec 'ZSTD', file_size_bytes '64MB', row_group_size 1e5)");
    assertEquals("preds", c.table());
    assertEquals("s3://bucket/it's", c.target());
    CopyOptions o = c.options();
    assertEquals(List.of("label", "Year"), o.partitionBy());
    assertTrue(o.overwrite());
    assertEquals("zstd", o.compression());
    assertEquals(64_000_000L, o.fileSizeBytes());
    assertEquals(100_000, o.rowGroupSize());
    Statement.Copy csv = copy("COPY t TO 'x.csv' WITH (FORMAT csv, HEADER false, DELIMITER '|', OVERWRITE_OR_IGNORE 1)");
    assertEquals(false, csv.options().header());
    assertEquals('|', csv.options().delimiter());
    assertTrue(csv.options().overwrite());
    assertNull(copy("COPY t TO 'x'").options().format());
  }

  @Test
  void badOptionsPointAtTheirPlace() {
    String unknown = error("COPY t TO 'x' (FORMAT parquet, COLOUR 'red')");
    assertTrue(unknown.contains("unknown COPY option 'COLOUR'") && unknown.contains("PARTITION_BY"), unknown);
    assertTrue(unknown.contains("column 32"), unknown);
    String format = error("COPY t TO 'x' (FORMAT xml)");
    assertTrue(format.contains("FORMAT is parquet, csv or json"), format);
    assertTrue(error("COPY t TO 'x' (COMPRESSION 'lzo')").contains("COMPRESSION is"));
    assertTrue(error("COPY t TO 'x' (FILE_SIZE_BYTES 'lots')").contains("positive size"));
    assertTrue(error("COPY t TO 'x' (FORMAT csv, FORMAT json)").contains("given twice"));
    assertTrue(error("COPY t 'x'").contains("expected TO"));
    assertTrue(error("COPY t TO x").contains("quoted string"));
    assertTrue(error("COPY (SELECT 1 TO 'x'").contains("never closed"));
    assertTrue(error("COPY t TO 'x' (FORMAT csv) extra").contains("unexpected text"));
  }

  @Test
  void queryErrorsPointIntoTheStatement() {
    String e = error("COPY (SELEC 1) TO 'x'");
    assertTrue(e.contains("column 7"), e);
  }
}
