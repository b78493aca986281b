package io.quiver.udf.torchscript;

import io.quiver.udf.tensor.FixedShapeTensorType;
import io.quiver.udf.tensor.FixedShapeTensorVector;
import io.quiver.udf.tensor.TensorVectors;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.arrow.memory.BufferAllocator;

/** The 500 held-out MNIST digits of the shared fixture as one UINT8 [28,28] column, plus their labels. */
final class HeldOutDigits {
  static final Path DATA = Paths.get(System.getProperty("quiver.sharedData", "../../shared/data"), "mnist");
  static final String MODEL = DATA.resolve("model/model.pt").toString();

  final int[] labels;
  final FixedShapeTensorVector images;

  HeldOutDigits(BufferAllocator allocator) throws IOException {
    ImageIO.setUseCache(false);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(DATA.resolve("50_per_index"))) {
      files = walk.filter(p -> p.toString().endsWith(".png")).sorted().toList();
    }
    labels = new int[files.size()];
    images = TensorVectors.allocate("image", FixedShapeTensorType.uint8(28, 28), files.size(), allocator);
    byte[] pixels = new byte[28 * 28];
    for (int i = 0; i < files.size(); i++) {
      Raster raster = ImageIO.read(files.get(i).toFile()).getRaster();
      int[] samples = raster.getSamples(0, 0, 28, 28, 0, new int[28 * 28]);
      for (int p = 0; p < samples.length; p++) {
        pixels[p] = (byte) samples[p];
      }
      TensorVectors.writeBytes(images, i, pixels);
      labels[i] = Integer.parseInt(files.get(i).getParent().getFileName().toString());
    }
  }
}
