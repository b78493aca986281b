package io.quiver.executor.source.json;

import static io.quiver.executor.source.SourceTestSupport.column;
import static io.quiver.executor.source.SourceTestSupport.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonSourceTest {
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

  private static TableSource json(Path p) {
    return Sources.create("read_json", Map.of("path", p.toString()));
  }

  private List<List<Object>> rows(TableSource s) {
    return readAll(s, ScanSpec.all(s.schema()), ctx);
  }

  @Test
  void infersTheUnionOfKeysInFirstSeenOrder() throws IOException {
    Path p = file("t.jsonl", "{\"a\": 1, \"b\": \"x\"}\n"
        + "\n"
        + "{\"c\": true, \"a\": 2.5, \"d\": null}\n"
        + "{\"b\": \"y\", \"e\": {\"k\": [1, 2]}, \"f\": [1, \"two\"], \"g\": 3}\n"
        + "{\"g\": 4, \"mixed\": 1}\n"
        + "{\"mixed\": \"one\"}\n");
    TableSource s = json(p);
    assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "mixed"),
        s.schema().getFields().stream().map(Field::getName).toList());
    ArrowType dbl = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
    ArrowType utf8 = ArrowType.Utf8.INSTANCE;
    assertEquals(List.of(dbl, utf8, ArrowType.Bool.INSTANCE, utf8, utf8, utf8, new ArrowType.Int(64, true), utf8),
        s.schema().getFields().stream().map(Field::getType).toList());
    List<List<Object>> rows = rows(s);
    assertEquals(5, rows.size());
    assertEquals(Arrays.asList(1.0, "x", null, null, null, null, null, null), rows.get(0));
    assertEquals(Arrays.asList(2.5, null, true, null, null, null, null, null), rows.get(1));
    assertEquals(Arrays.asList(null, "y", null, null, "{\"k\":[1,2]}", "[1,\"two\"]", 3L, null), rows.get(2));
    assertEquals(Arrays.asList("1", "one"), column(rows, 7).subList(3, 5));
  }

  @Test
  void projectionLimitAndManyFiles() throws IOException {
    file("a.json", "{\"k\": 1, \"v\": \"a\"}\n{\"k\": 2, \"v\": \"b\"}\n{\"k\": 3, \"v\": \"c\"}\n");
    file("b.ndjson", "{\"v\": \"d\", \"k\": 4, \"extra\": 1}\n");
    TableSource s = json(dir);
    assertEquals(2, s.splits(ScanSpec.all(s.schema()), ctx).size());
    List<List<Object>> values = readAll(s, new ScanSpec(new int[] {1}, List.of(), -1), ctx);
    assertEquals(List.of("a", "b", "c", "d"), column(values, 0));
    assertEquals(1, values.get(0).size());
    assertEquals(2, s.schema().getFields().size(), "keys first seen after the sample (or in other files) are ignored");
    assertEquals(List.of(1L, 4L), column(readAll(s, new ScanSpec(new int[] {0}, List.of(), 1), ctx), 0));
  }

  @Test
  void duplicateKeysKeepTheFirstValue() throws IOException {
    assertEquals(List.of(List.of("first")), rows(json(file("d.json", "{\"a\": \"first\", \"a\": \"second\"}\n"))));
  }

  @Test
  void valuesThatDoNotFitNameTheFileLineAndKey() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < JsonSource.SAMPLE_LINES; i++) {
      text.append("{\"n\": ").append(i).append("}\n");
    }
    text.append("{\"n\": \"oops\"}\n");
    TableSource s = json(file("late.json", text.toString()));
    QuiverException e = assertThrows(QuiverException.class, () -> rows(s));
    assertTrue(e.getMessage().contains("late.json") && e.getMessage().contains("line " + (JsonSource.SAMPLE_LINES + 1))
        && e.getMessage().contains("'n'"), e.getMessage());
  }

  @Test
  void invalidJsonAndNonObjectsNameTheFileAndLine() throws IOException {
    Path broken = file("broken.json", "{\"a\": 1}\n{\"a\": }\n");
    QuiverException e = assertThrows(QuiverException.class, () -> json(broken));
    assertTrue(e.getMessage().contains("broken.json") && e.getMessage().contains("line 2"), e.getMessage());
    Path array = file("array.json", "{\"a\": 1}\n[1, 2]\n");
    e = assertThrows(QuiverException.class, () -> json(array));
    assertTrue(e.getMessage().contains("array.json") && e.getMessage().contains("line 2")
        && e.getMessage().contains("an array"), e.getMessage());
    Path late = file("late.json", "{\"a\": 1}\n".repeat(JsonSource.SAMPLE_LINES) + "{\"a\": 2\n");
    TableSource s = json(late);
    e = assertThrows(QuiverException.class, () -> rows(s));
    assertTrue(e.getMessage().contains("late.json"), e.getMessage());
    assertThrows(QuiverException.class, () -> json(file("empty.json", "")));
  }
}
