package io.quiver.executor.source.csv;

import static io.quiver.executor.source.SourceTestSupport.column;
import static io.quiver.executor.source.SourceTestSupport.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.ExecContext;
import io.quiver.executor.QuiverException;
import io.quiver.executor.source.ScanSpec;
import io.quiver.executor.source.SourceTestSupport;
import io.quiver.executor.source.Sources;
import io.quiver.executor.source.TableSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSourceTest {
  @TempDir
  Path dir;
  private RootAllocator allocator;
  private ExecContext ctx;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
    ctx = SourceTestSupport.context(allocator, 2);
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private static TableSource csv(Path p, Object... options) {
    Map<String, Object> args = new HashMap<>();
    args.put("path", p.toString());
    for (int i = 0; i < options.length; i += 2) {
      args.put((String) options[i], options[i + 1]);
    }
    return Sources.create("read_csv", args);
  }

  private List<List<Object>> rows(TableSource s) {
    return readAll(s, ScanSpec.all(s.schema()), ctx);
  }

  private static List<ArrowType> types(TableSource s) {
    return s.schema().getFields().stream().map(Field::getType).toList();
  }

  @Test
  void infersTypesFromTheSample() throws IOException {
    Path p = file("t.csv", "i,d,b,day,ts,s,mixed,empty\n"
        + "1,1.5,true,2024-01-31,2024-01-31 12:34:56.123456,x,1,\n"
        + "-7,2,FALSE,1999-12-31,2024-02-01T00:00:00,y,2.5,\n"
        + ",,,,,,,\n");
    TableSource s = csv(p);
    assertEquals(List.of(new ArrowType.Int(64, true), new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE),
        ArrowType.Bool.INSTANCE, new ArrowType.Date(DateUnit.DAY), new ArrowType.Timestamp(TimeUnit.MICROSECOND, null),
        ArrowType.Utf8.INSTANCE, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), ArrowType.Utf8.INSTANCE),
        types(s));
    List<List<Object>> rows = rows(s);
    assertEquals(3, rows.size());
    assertEquals(Arrays.asList(1L, 1.5, true, (int) LocalDate.of(2024, 1, 31).toEpochDay(),
        LocalDateTime.of(2024, 1, 31, 12, 34, 56, 123456000), "x", 1.0, null), rows.get(0));
    assertEquals(Arrays.asList(-7L, 2.0, false), rows.get(1).subList(0, 3));
    assertTrue(rows.get(2).stream().allMatch(v -> v == null), "empty fields are NULL");
  }

  @Test
  void quotingFollowsRfc4180() throws IOException {
    Path p = file("q.csv", "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",\"\"\r\n\"\",plain\r\n");
    List<List<Object>> rows = rows(csv(p));
    assertEquals(List.of("x, y", "say \"hi\""), rows.get(0));
    assertEquals(List.of("two\nlines", ""), rows.get(1), "a quoted empty VARCHAR is the empty string");
    assertEquals(List.of("", "plain"), rows.get(2));
  }

  @Test
  void headerFalseNamesColumnsByPositionAndDelimiterIsConfigurable() throws IOException {
    Path p = file("t.tsv", "1\tx\n2\ty\n");
    TableSource s = csv(p, "header", false, "delimiter", "\\t");
    assertEquals(List.of("column0", "column1"), s.schema().getFields().stream().map(Field::getName).toList());
    assertEquals(List.of(List.of(1L, "x"), List.of(2L, "y")), rows(s));
    TableSource semi = csv(file("s.csv", "a;b\n1;2\n"), "delimiter", ";");
    assertEquals(List.of(List.of(1L, 2L)), rows(semi));
  }

  @Test
  void declaredColumnsOverrideInference() throws IOException {
    Path p = file("d.csv", "id,price,name\n007,1.50,x\n8,2,\"y\"\n");
    TableSource s = csv(p, "columns", "id VARCHAR, \"unit price\" DECIMAL(10,2), name TEXT");
    assertEquals(List.of("id", "unit price", "name"), s.schema().getFields().stream().map(Field::getName).toList());
    assertEquals(List.of(List.of("007", 1.5, "x"), List.of("8", 2.0, "y")), rows(s));
    TableSource ints = csv(p, "columns", "a INTEGER, b REAL, c VARCHAR");
    assertEquals(List.of(7, 1.5f, "x"), rows(ints).get(0));
  }

  @Test
  void badDeclarationsAreRejected() throws IOException {
    Path p = file("d.csv", "a\n1\n");
    QuiverException e = assertThrows(QuiverException.class, () -> csv(p, "columns", "a WIDGET"));
    assertTrue(e.getMessage().contains("a WIDGET"), e.getMessage());
    assertThrows(QuiverException.class, () -> csv(p, "delimiter", "ab"));
    assertThrows(QuiverException.class, () -> csv(p, "header", "yes"));
  }

  @Test
  void valueErrorsNameTheFileLineAndColumn() throws IOException {
    StringBuilder text = new StringBuilder("n\n");
    for (int i = 0; i < CsvSource.SAMPLE_ROWS + 5; i++) {
      text.append(i).append('\n');
    }
    text.append("oops\n");
    Path p = file("late.csv", text.toString());
    TableSource s = csv(p);
    assertEquals(new ArrowType.Int(64, true), types(s).get(0));
    QuiverException e = assertThrows(QuiverException.class, () -> rows(s));
    assertTrue(e.getMessage().contains("late.csv") && e.getMessage().contains("line " + (CsvSource.SAMPLE_ROWS + 7))
        && e.getMessage().contains("'n'") && e.getMessage().contains("oops"), e.getMessage());
  }

  @Test
  void syntaxErrorsNameTheFileAndLine() throws IOException {
    Path ragged = file("ragged.csv", "a,b\n1,2\n3\n");
    QuiverException e = assertThrows(QuiverException.class, () -> rows(csv(ragged)));
    assertTrue(e.getMessage().contains("ragged.csv") && e.getMessage().contains("line 3"), e.getMessage());
    Path open = file("open.csv", "a,b\n1,\"never closed\n2,3\n");
    e = assertThrows(QuiverException.class, () -> csv(open));
    assertTrue(e.getMessage().contains("open.csv") && e.getMessage().contains("line 2"), e.getMessage());
    Path junk = file("junk.csv", "a\n\"x\"y\n");
    e = assertThrows(QuiverException.class, () -> csv(junk));
    assertTrue(e.getMessage().contains("junk.csv") && e.getMessage().contains("line 2"), e.getMessage());
    Path empty = file("empty.csv", "");
    assertThrows(QuiverException.class, () -> csv(empty));
  }

  @Test
  void blankLinesBomAndDuplicateHeadersAreHandled() throws IOException {
    Path p = file("b.csv", "\uFEFFx,x,\n\n1,2,3\n\n");
    TableSource s = csv(p);
    assertEquals(List.of("x", "x_1", "column2"), s.schema().getFields().stream().map(Field::getName).toList());
    assertEquals(List.of(List.of(1L, 2L, 3L)), rows(s));
  }

  @Test
  void projectionLimitAndManyFiles() throws IOException {
    file("a.csv", "k,v\n1,a\n2,b\n3,c\n");
    file("b.csv", "k,v\n4,d\n");
    TableSource s = csv(dir);
    assertEquals(2, s.splits(ScanSpec.all(s.schema()), ctx).size());
    List<List<Object>> rows = readAll(s, new ScanSpec(new int[] {1}, List.of(), -1), ctx);
    assertEquals(List.of("a", "b", "c", "d"), column(rows, 0));
    assertEquals(1, rows.get(0).size());
    List<List<Object>> limited = readAll(s, new ScanSpec(new int[] {0}, List.of(), 1), ctx);
    assertEquals(List.of(1L, 4L), column(limited, 0), "the limit applies per split (the scan stops overall)");
  }

  @Test
  void allNullSampleColumnIsVarchar() throws IOException {
    TableSource s = csv(file("n.csv", "a,b\n,1\n,2\n"));
    assertEquals(ArrowType.Utf8.INSTANCE, types(s).get(0));
    assertNull(rows(s).get(0).get(0));
  }
}
