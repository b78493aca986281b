package io.quiver.executor.source.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quiver.executor.ExecContext;
import io.quiver.executor.source.ScanSpec;
import io.quiver.executor.source.SourceTestSupport;
import io.quiver.executor.source.Sources;
import io.quiver.executor.source.TableSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadBinaryFilesSourceTest {
  @TempDir Path dir;
  private RootAllocator allocator;
  private ExecContext ctx;

  @BeforeEach
  void setUp() throws Exception {
    allocator = new RootAllocator();
    ctx = SourceTestSupport.context(allocator, Map.of("batch_size", "2"));
    Files.createDirectories(dir.resolve("a"));
    Files.writeString(dir.resolve("a/one.txt"), "first");
    Files.write(dir.resolve("a/two.bin"), new byte[] {0, 1, 2, (byte) 255});
    Files.write(dir.resolve("empty.dat"), new byte[0]);
    Files.writeString(dir.resolve(".hidden"), "not listed");
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  @Test
  void readsEveryFileWithItsPath() {
    TableSource source = Sources.create("read_binary_files",
        Map.of("path", dir.toString(), "include_paths", true));
    assertEquals("bytes", source.schema().getFields().get(0).getName());
    assertEquals("path", source.schema().getFields().get(1).getName());
    List<String> paths = new ArrayList<>();
    List<byte[]> contents = new ArrayList<>();
    long rows = SourceTestSupport.scan(source, ScanSpec.all(source.schema()), ctx, batch -> {
      VarBinaryVector bytes = (VarBinaryVector) batch.getVector("bytes");
      VarCharVector path = (VarCharVector) batch.getVector("path");
      for (int i = 0; i < batch.getRowCount(); i++) {
        contents.add(bytes.get(i));
        paths.add(new String(path.get(i), StandardCharsets.UTF_8));
      }
    });
    assertEquals(3, rows);
    assertEquals(List.of(dir + "/a/one.txt", dir + "/a/two.bin", dir + "/empty.dat"), paths);
    assertArrayEquals("first".getBytes(StandardCharsets.UTF_8), contents.get(0));
    assertArrayEquals(new byte[] {0, 1, 2, (byte) 255}, contents.get(1));
    assertArrayEquals(new byte[0], contents.get(2));
  }

  @Test
  void pathOnlyProjectionReadsNoContentAndLimitMakesSmallSplits() {
    TableSource source = Sources.create("read_binary_files", Map.of("path", dir + "/**.{txt,bin}",
        "include_paths", true));
    ScanSpec spec = new ScanSpec(new int[] {1}, List.of(), 1);
    assertEquals(2, source.splits(spec, ctx).size());
    List<String> paths = new ArrayList<>();
    SourceTestSupport.scan(source, spec, ctx, batch -> {
      assertNull(batch.getVector("bytes"));
      paths.add(((VarCharVector) batch.getVector(0)).getObject(0).toString());
    });
    assertEquals(List.of(dir + "/a/one.txt"), paths);
  }

  @Test
  void withoutIncludePathsOnlyBytes() {
    TableSource source = Sources.create("read_binary_files", Map.of("path", dir + "/a/one.txt"));
    assertEquals(1, source.schema().getFields().size());
    List<String> texts = new ArrayList<>();
    SourceTestSupport.scan(source, ScanSpec.all(source.schema()), ctx,
        b -> texts.add(new String(((VarBinaryVector) b.getVector(0)).get(0), StandardCharsets.UTF_8)));
    assertEquals(List.of("first"), texts);
  }
}
