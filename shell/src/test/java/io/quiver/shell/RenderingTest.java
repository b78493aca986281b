package io.quiver.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.server.OperatorProgress;
import io.quiver.udf.tensor.FixedShapeTensorType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.Test;

/** Tables that fit the terminal, half-block images, and the progress lines. */
class RenderingTest {
  private static String table(int width, List<String> header, List<String[]> rows) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    List<String> types = header.stream().map(h -> "varchar").toList();
    new TableRenderer(out, width, false).render(header, types, rows, new boolean[header.size()]);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void wideColumnsAreNarrowedToTheTerminalWithAnEllipsis() {
    String path = "/data/mnist/50_per_index/7/very_long_file_name_of_an_image_00042.png";
    String t = table(50, List.of("label", "path"), List.<String[]>of(new String[] {"7", path}));
    for (String line : t.split("\n")) {
      assertTrue(line.codePointCount(0, line.length()) <= 50, line);
    }
    assertTrue(t.contains("/data/mnist/") && t.contains("…"), t);
    assertTrue(t.contains("│ 7 "), t);
  }

  @Test
  void columnsThatCannotFitAreLeftOutAndSaidSo() {
    List<String> header = new ArrayList<>();
    String[] row = new String[12];
    for (int i = 0; i < 12; i++) {
      header.add("column_" + i);
      row[i] = "value_" + i;
    }
    String t = table(60, header, List.<String[]>of(row));
    assertTrue(t.contains("column_0") && !t.contains("column_11") && t.contains(" … │"), t);
    for (String line : t.split("\n")) {
      assertTrue(line.codePointCount(0, line.length()) <= 60, line);
    }
    String all = table(-1, header, List.<String[]>of(row));
    assertTrue(all.contains("value_11"), all);
  }

  @Test
  void nullIsShownAsNull() {
    String t = table(80, List.of("a", "b"), List.<String[]>of(new String[] {null, "x"}));
    assertTrue(t.contains("│ NULL    │ x       │"), t);
  }

  @Test
  void grayscaleAndRgbImagesAreDrawnWithHalfBlocks() {
    assertTrue(ImagePreview.isImage(field(FixedShapeTensorType.uint8(28, 28))));
    assertTrue(ImagePreview.isImage(field(FixedShapeTensorType.uint8(32, 32, 3))));
    assertTrue(!ImagePreview.isImage(field(FixedShapeTensorType.uint8(2, 28, 28))));
    assertTrue(!ImagePreview.isImage(field(FixedShapeTensorType.float32(28, 28))));
    int[] gray = new int[28 * 28];
    gray[0] = 0xFFFFFF;
    List<String> lines = ImagePreview.render(List.of(new ImagePreview.Image("row 1 image", 28, 28, gray)),
        ImagePreview.Colors.TRUE_COLOR, 100);
    assertEquals(1 + 14, lines.size(), "a caption and 28 pixel rows as 14 lines");
    assertTrue(lines.get(1).startsWith("\033[38;2;255;255;255m\033[48;2;0;0;0m▀"), lines.get(1));
    assertEquals(28, lines.get(1).chars().filter(c -> c == '▀').count());
    int[] red = new int[300 * 200];
    java.util.Arrays.fill(red, 0xFF0000);
    List<String> big = ImagePreview.render(List.of(new ImagePreview.Image("big", 200, 300, red)),
        ImagePreview.Colors.XTERM_256, 100);
    assertTrue(big.size() - 1 <= ImagePreview.MAX_LINES, "scaled down: " + big.size());
    assertTrue(big.get(1).contains("\033[38;5;196m"), big.get(1));
    assertEquals(List.of(), ImagePreview.render(List.of(new ImagePreview.Image("x", 2, 2, new int[4])),
        ImagePreview.Colors.NONE, 100));
  }

  @Test
  void imagesSitSideBySideWhileTheyFit() {
    List<ImagePreview.Image> three = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      three.add(new ImagePreview.Image("row " + i + " image", 28, 28, new int[28 * 28]));
    }
    List<String> wide = ImagePreview.render(three, ImagePreview.Colors.XTERM_256, 100);
    assertEquals(15, wide.size());
    assertTrue(wide.get(0).startsWith("row 1 image") && wide.get(0).contains("row 3 image"), wide.get(0));
    List<String> narrow = ImagePreview.render(three, ImagePreview.Colors.XTERM_256, 60);
    assertEquals(30, narrow.size(), "two bands: two images, then one");
  }

  @Test
  void xterm256PicksTheGrayRampForGrays() {
    assertEquals(16, ImagePreview.xterm256(0, 0, 0));
    assertEquals(231, ImagePreview.xterm256(255, 255, 255));
    assertTrue(ImagePreview.xterm256(128, 128, 128) >= 232);
    assertEquals(196, ImagePreview.xterm256(255, 0, 0));
  }

  @Test
  void progressLinesShowRowsBatchesActorsAndQueuedBatches() {
    List<String> lines = ProgressDisplay.lines(List.of(
        new OperatorProgress(0, "Project", true, 1200, 12, 5, false, 0, 0, 0),
        new OperatorProgress(1, "ActorPool classify", true, 1200, 12, 900, true, 4, 3, 5),
        new OperatorProgress(2, "Scan read_images", false, 0, 0, 0, false, 0, 0, 0)), 2500, 0);
    assertTrue(lines.get(0).contains("running 2.5 s"), lines.get(0));
    assertTrue(lines.get(1).contains("Project") && lines.get(1).contains("1,200 rows") && lines.get(1).contains("12 batches"));
    assertTrue(lines.get(2).contains("  ActorPool classify") && lines.get(2).contains("actors 3 busy 1 idle")
        && lines.get(2).contains("5 batches queued"), lines.get(2));
    assertTrue(lines.get(3).contains("Scan read_images") && lines.get(3).contains("waiting"), lines.get(3));
  }

  private static Field field(FixedShapeTensorType t) {
    return new Field("image", new FieldType(true, t, null), List.of(new Field("x", FieldType.nullable(new ArrowType.Int(8, false)), null)));
  }
}
