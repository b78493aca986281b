package io.quiver.executor.source.image;

import com.twelvemonkeys.imageio.color.ColorSpaces;
import io.quiver.executor.ExecContext;
import io.quiver.executor.source.ScanSpec;
import io.quiver.executor.source.SourceTestSupport;
import io.quiver.executor.source.Sources;
import io.quiver.udf.tensor.FixedShapeTensorType;
import io.quiver.udf.tensor.FixedShapeTensorVector;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/** Generates image files for tests and reads them back through read_images. */
final class TestImages {
  private TestImages() {}

  /** What a scan returned: the tensor shape and each row's pixels. */
  record Result(int[] shape, List<byte[]> images, ReadImagesSource source) {
    int pixel(int row, int index) {
      return images.get(row)[index] & 0xff;
    }
  }

  static Path write(Path file, BufferedImage image, String format) throws IOException {
    Files.createDirectories(file.getParent());
    if (!ImageIO.write(image, format, file.toFile())) {
      throw new IOException("no " + format + " writer for " + image);
    }
    return file;
  }

  /** An RGB image whose pixel (x, y) is {@code rgb[y][x]}. */
  static BufferedImage rgb(int[][] rgb) {
    BufferedImage img = new BufferedImage(rgb[0].length, rgb.length, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < rgb.length; y++) {
      for (int x = 0; x < rgb[0].length; x++) {
        img.setRGB(x, y, rgb[y][x]);
      }
    }
    return img;
  }

  /** A one-value gray image. */
  static BufferedImage gray(int height, int width, int value) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    WritableRaster r = img.getRaster();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        r.setSample(x, y, 0, value);
      }
    }
    return img;
  }

  /**
   * A CMYK JPEG (Adobe APP14 marker, transform 0, inverted samples as Photoshop writes them): the left
   * half pure red ink (C=0, M=Y=100%), the right half pure black ink (K=100%).
   */
  static Path cmykJpeg(Path file, int width, int height) throws IOException {
    WritableRaster r = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        r.setPixel(x, y, x < width / 2 ? new int[] {255, 0, 0, 255} : new int[] {255, 255, 255, 0});
      }
    }
    ColorModel cm = new ComponentColorModel(ColorSpaces.getColorSpace(ColorSpaces.CS_GENERIC_CMYK),
        false, false, ColorModel.OPAQUE, DataBuffer.TYPE_BYTE);
    ImageWriter writer = jdkJpegWriter();
    try {
      ImageWriteParam param = writer.getDefaultWriteParam();
      IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(cm, r.getSampleModel()), param);
      String format = "javax_imageio_jpeg_image_1.0";
      IIOMetadataNode tree = (IIOMetadataNode) metadata.getAsTree(format);
      ((IIOMetadataNode) tree.getElementsByTagName("app14Adobe").item(0)).setAttribute("transform", "0");
      metadata.setFromTree(format, tree);
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
      try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
        writer.setOutput(out);
        writer.write(null, new IIOImage(r, null, metadata), param);
      }
    } finally {
      writer.dispose();
    }
    return file;
  }

  private static ImageWriter jdkJpegWriter() {
    for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg"); it.hasNext(); ) {
      ImageWriter w = it.next();
      if (w.getClass().getName().startsWith("com.sun.")) {
        return w;
      }
    }
    throw new IllegalStateException("no JDK JPEG writer");
  }

  /** Reads {@code path} with read_images and the given extra arguments (name, value, ...). */
  static Result read(ExecContext ctx, Path path, Object... keyValues) {
    Map<String, Object> args = new HashMap<>();
    args.put("path", path.toString());
    for (int i = 0; i < keyValues.length; i += 2) {
      args.put((String) keyValues[i], keyValues[i + 1]);
    }
    ReadImagesSource source = (ReadImagesSource) Sources.create("read_images", args);
    int[] shape = ((FixedShapeTensorType) source.schema().getFields().get(0).getType()).shape();
    List<byte[]> images = new ArrayList<>();
    SourceTestSupport.scan(source, ScanSpec.all(source.schema()), ctx, batch -> {
      FixedShapeTensorVector v = (FixedShapeTensorVector) batch.getVector("image");
      int size = v.tensorType().size();
      for (int row = 0; row < batch.getRowCount(); row++) {
        byte[] px = new byte[size];
        v.elements().getDataBuffer().getBytes((long) row * size, px);
        images.add(px);
      }
    });
    return new Result(shape, images, source);
  }
}
