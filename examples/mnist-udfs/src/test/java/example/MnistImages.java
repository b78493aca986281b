package example;

import io.quiver.udf.tensor.FixedShapeTensorType;
import io.quiver.udf.tensor.FixedShapeTensorVector;
import io.quiver.udf.tensor.TensorVectors;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.arrow.memory.BufferAllocator;

/** The shared MNIST fixture, decoded with ImageIO as read_images would: pixels plus the folder's label. */
final class MnistImages {
  final List<byte[]> pixels = new ArrayList<>();
  final List<Integer> labels = new ArrayList<>();

  static Path sharedData() {
    String dir = System.getProperty("quiver.sharedData", "../../../shared/data");
    return Paths.get(dir);
  }

  static Path modelPath() {
    return sharedData().resolve("mnist/model/model.pt");
  }

  static MnistImages load(String folder) throws IOException {
    ImageIO.setUseCache(false);
    MnistImages images = new MnistImages();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(sharedData().resolve("mnist").resolve(folder))) {
      files = walk.filter(p -> p.toString().endsWith(".png")).sorted().toList();
    }
    for (Path file : files) {
      BufferedImage image = ImageIO.read(new File(file.toString()));
      int w = image.getWidth();
      int h = image.getHeight();
      int[] samples = image.getRaster().getSamples(0, 0, w, h, 0, new int[w * h]);
      byte[] bytes = new byte[w * h];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) samples[i];
      }
      images.pixels.add(bytes);
      images.labels.add(Integer.parseInt(file.getParent().getFileName().toString()));
    }
    return images;
  }

  /** Rows {@code [from, to)} as a UINT8 [28,28] tensor column. */
  FixedShapeTensorVector tensors(int from, int to, BufferAllocator allocator) {
    FixedShapeTensorVector v = TensorVectors.allocate("image", FixedShapeTensorType.uint8(28, 28), to - from, allocator);
    for (int i = from; i < to; i++) {
      TensorVectors.writeBytes(v, i - from, pixels.get(i));
    }
    return v;
  }
}
