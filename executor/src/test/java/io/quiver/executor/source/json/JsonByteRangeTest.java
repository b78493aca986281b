package io.quiver.executor.source.json;

import static io.quiver.executor.source.SourceTestSupport.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.ExecContext;
import io.quiver.executor.source.ScanSpec;
import io.quiver.executor.source.SourceSplit;
import io.quiver.executor.source.SourceTestSupport;
import io.quiver.executor.source.Sources;
import io.quiver.executor.source.TableSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JSON lines file read in byte ranges gives exactly the rows of reading it whole. */
class JsonByteRangeTest {
  @TempDir
  Path dir;
  private RootAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  private ExecContext ctx(String splitSize) {
    return SourceTestSupport.context(allocator, Map.of("file_split_size", splitSize, "batch_size", "5"));
  }

  private static TableSource json(Path p) {
    return Sources.create("read_json", Map.of("path", p.toString()));
  }

  private List<SourceSplit> splits(TableSource s, String splitSize) {
    return s.splits(ScanSpec.all(s.schema()), ctx(splitSize));
  }

  private List<List<Object>> rows(TableSource s, String splitSize) {
    return readAll(s, ScanSpec.all(s.schema()), ctx(splitSize));
  }

  @Test
  void rangesGiveTheRowsOfTheWholeFile() throws IOException {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      b.append("{\"id\": ").append(i).append(", \"s\": \"line\\nbreak ").append(i).append(" ✓\", \"nested\": {\"a\": [")
          .append(i).append(", {\"b\": \"}\"}]}, \"ok\": ").append(i % 2 == 0).append('}')
          .append(i % 3 == 0 ? "\r\n" : "\n");
      if (i % 40 == 0) {
        b.append("\n   \n");
      }
    }
    b.append("{\"id\": 300, \"s\": \"no line feed at the end\"}");
    TableSource s = json(Files.writeString(dir.resolve("t.jsonl"), b, StandardCharsets.UTF_8));
    List<List<Object>> whole = rows(s, "0");
    assertEquals(301, whole.size());
    for (String size : new String[] {"1", "31", "500", "8k"}) {
      assertTrue(splits(s, size).size() > 1, size + " cuts the file");
      assertEquals(whole, rows(s, size), "file_split_size=" + size);
    }
  }

  @Test
  void objectsOverSeveralLinesKeepTheFileWhole() throws IOException {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      b.append("{\n  \"id\": ").append(i).append(",\n  \"s\": \"x\"\n}\n");
    }
    TableSource s = json(Files.writeString(dir.resolve("pretty.json"), b));
    assertEquals(1, splits(s, "100").size());
    assertEquals(100, rows(s, "100").size());
  }

  @Test
  void anObjectOverSeveralLinesPastTheSampleIsAnErrorSayingHowToReadWhole() throws IOException {
    StringBuilder b = new StringBuilder();
    int i = 0;
    while (b.length() < JsonSource.CUT_SAMPLE_BYTES + 1000) {
      b.append("{\"id\": ").append(i++).append("}\n");
    }
    b.append("{\"id\":\n").append("   \n".repeat(30_000)).append(i++).append("}\n{\"id\": ").append(i++).append("}\n");
    TableSource s = json(Files.writeString(dir.resolve("late.jsonl"), b));
    assertTrue(splits(s, "64k").size() > 2);
    io.quiver.executor.QuiverException e = org.junit.jupiter.api.Assertions.assertThrows(
        io.quiver.executor.QuiverException.class, () -> rows(s, "64k"));
    assertTrue(e.getMessage().contains("file_split_size = 0") && e.getMessage().contains("late.jsonl (bytes"),
        e.getMessage());
    assertEquals(i, rows(s, "0").size());
  }

  @Test
  void theSampleCheckWantsOneWholeObjectPerLine() {
    assertTrue(JsonSource.oneObjectPerLine("{\"a\": 1}\r\n\n{\"a\": {\"b\": [1, 2]}}\n{\"a\": "));
    assertFalse(JsonSource.oneObjectPerLine("{\"a\":\n1}\n"));
    assertFalse(JsonSource.oneObjectPerLine("{\"a\": 1} {\"a\": 2}\n"));
    assertFalse(JsonSource.oneObjectPerLine("[1, 2]\n"));
  }
}
