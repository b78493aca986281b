package io.quiver.executor.source.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.ExecContext;
import io.quiver.executor.source.ScanSpec;
import io.quiver.executor.source.SourceTestSupport;
import io.quiver.executor.source.Sources;
import io.quiver.udf.tensor.FixedShapeTensorType;
import io.quiver.udf.tensor.FixedShapeTensorVector;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** read_images over the shared MNIST fixture: 500 grayscale 28x28 PNGs in {label}/ folders. */
class ReadImagesMnistTest {
  private static final Path MNIST = SourceTestSupport.sharedData().resolve("mnist/50_per_index");

  private RootAllocator allocator;
  private ExecContext ctx;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
    ctx = SourceTestSupport.context(allocator, Map.of());
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  private static ReadImagesSource source(Object... keyValues) {
    Map<String, Object> args = new HashMap<>();
    args.put("path", MNIST.toString());
    for (int i = 0; i < keyValues.length; i += 2) {
      args.put((String) keyValues[i], keyValues[i + 1]);
    }
    return (ReadImagesSource) Sources.create("read_images", args);
  }

  /** path -> pixels, in scan order. */
  private Map<String, byte[]> readAll(ReadImagesSource source, ExecContext context) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    SourceTestSupport.scan(source, ScanSpec.all(source.schema()), context, batch -> {
      FixedShapeTensorVector images = (FixedShapeTensorVector) batch.getVector("image");
      UInt1Vector elements = (UInt1Vector) images.elements();
      VarCharVector paths = (VarCharVector) batch.getVector("path");
      int size = images.tensorType().size();
      for (int r = 0; r < batch.getRowCount(); r++) {
        byte[] px = new byte[size];
        for (int j = 0; j < size; j++) {
          px[j] = elements.get(r * size + j);
        }
        out.put(paths.getObject(r).toString(), px);
      }
    });
    return out;
  }

  @Test
  void schemaComesFromTheFirstHeaderWithoutDecoding() {
    ReadImagesSource source = source("include_paths", true);
    FixedShapeTensorType type = (FixedShapeTensorType) source.schema().getFields().get(0).getType();
    assertEquals("TENSOR<UINT8>[28,28]", type.sqlName());
    assertEquals("path", source.schema().getFields().get(1).getName());
    assertEquals(0, source.filesOpened());
    assertEquals(1, source("mode", "RGB").schema().getFields().size());
    assertEquals("TENSOR<UINT8>[28,28,3]",
        ((FixedShapeTensorType) source("mode", "rgb").schema().getFields().get(0).getType()).sqlName());
  }

  @Test
  void readsAllImagesWithPixelsAsImageIoDecodesThem() throws Exception {
    ReadImagesSource source = source("include_paths", true);
    Map<String, byte[]> images = readAll(source, ctx);
    assertEquals(500, images.size());
    assertEquals(500, source.filesOpened());
    for (String file : List.of(MNIST + "/0/0_0000.png", MNIST + "/3/3_0017.png", MNIST + "/9/9_0049.png")) {
      BufferedImage expected = ImageIO.read(new File(file));
      byte[] actual = images.get(file);
      int nonZero = 0;
      for (int y = 0; y < 28; y++) {
        for (int x = 0; x < 28; x++) {
          int v = expected.getRaster().getSample(x, y, 0);
          assertEquals(v, actual[y * 28 + x] & 0xff, file + " at " + x + "," + y);
          nonZero += v == 0 ? 0 : 1;
        }
      }
      assertTrue(nonZero > 50, "a real digit has ink: " + file);
    }
  }

  @Test
  void pathsGiveTheLabelFolder() {
    Map<String, Integer> perLabel = new TreeMap<>();
    for (String path : readAll(source("include_paths", true), ctx).keySet()) {
      String[] parts = path.split("/");
      String label = parts[parts.length - 2]; // split_part(path, '/', -2)
      assertTrue(parts[parts.length - 1].startsWith(label + "_"), path);
      perLabel.merge(label, 1, Integer::sum);
    }
    assertEquals(10, perLabel.size());
    perLabel.values().forEach(n -> assertEquals(50, n));
  }

  @Test
  void shuffleWithASeedIsAReproduciblePermutation() {
    List<String> plain = new ArrayList<>(readAll(source("include_paths", true), ctx).keySet());
    List<String> a = new ArrayList<>(readAll(source("include_paths", true, "shuffle", "files", "seed", 7L), ctx).keySet());
    List<String> b = new ArrayList<>(readAll(source("include_paths", true, "shuffle", "files", "seed", 7L), ctx).keySet());
    List<String> c = new ArrayList<>(readAll(source("include_paths", true, "shuffle", "files", "seed", 8L), ctx).keySet());
    assertEquals(a, b);
    assertNotEquals(plain, a);
    assertNotEquals(a, c);
    List<String> sorted = new ArrayList<>(a);
    sorted.sort(null);
    assertEquals(plain, sorted);
    // Without a seed argument the session seed (SET seed) makes it reproducible too.
    ExecContext seeded = SourceTestSupport.context(allocator, Map.of("seed", "7"));
    assertEquals(a, new ArrayList<>(readAll(source("include_paths", true, "shuffle", "files"), seeded).keySet()));
  }

  @Test
  void limitOpensOnlyAFewFiles() {
    ReadImagesSource source = source("include_paths", true);
    ScanSpec spec = new ScanSpec(new int[] {0, 1}, List.of(), 3);
    assertEquals(167, source.splits(spec, ctx).size()); // 500 files in splits of 3
    long rows = SourceTestSupport.scan(source, spec, ctx, b -> { });
    assertEquals(3, rows);
    assertEquals(3, source.filesOpened());
    assertEquals(2, source.splits(ScanSpec.all(source.schema()), ctx).size()); // 256 + 244 files
  }

  @Test
  void pathOnlyScansDecodeNothing() {
    ReadImagesSource source = source("include_paths", true);
    List<String> paths = new ArrayList<>();
    SourceTestSupport.scan(source, new ScanSpec(new int[] {1}, List.of(), -1), ctx, b -> {
      for (int i = 0; i < b.getRowCount(); i++) {
        paths.add(b.getVector(0).getObject(i).toString());
      }
    });
    assertEquals(500, paths.size());
    assertEquals(0, source.filesOpened());
  }

  @Test
  void smallBatchSizesCutSplitsIntoSeveralBatches() {
    ExecContext small = SourceTestSupport.context(allocator, Map.of("batch_size", "64"));
    List<Integer> sizes = new ArrayList<>();
    ReadImagesSource source = source("include_paths", true);
    SourceTestSupport.scan(source, ScanSpec.all(source.schema()), small, b -> sizes.add(b.getRowCount()));
    assertEquals(500, sizes.stream().mapToInt(Integer::intValue).sum());
    assertTrue(sizes.stream().allMatch(n -> n <= 64), sizes.toString());
    // The same pixels either way.
    Map<String, byte[]> a = readAll(source("include_paths", true), small);
    Map<String, byte[]> b = readAll(source("include_paths", true), ctx);
    assertArrayEquals(a.get(MNIST + "/5/5_0005.png"), b.get(MNIST + "/5/5_0005.png"));
  }
}
