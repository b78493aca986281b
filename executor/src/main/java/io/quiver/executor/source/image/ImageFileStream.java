package io.quiver.executor.source.image;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.storage.ReadAhead;
import io.quiver.executor.storage.Storage;
import io.quiver.udf.tensor.FixedShapeTensorVector;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Decodes one {@link ImageSplit} into batches of at most {@code rowsPerBatch} rows. Images are only
 * decoded when the {@code image} column is projected, or when {@code on_error => 'skip'} must find out
 * which files survive (so {@code COUNT(*)} agrees with the rows a full read returns).
 */
final class ImageFileStream implements BatchStream {
  private final List<String> files;
  private final ImageLayout layout;
  private final ImageOptions options;
  private final ReadAhead reads;
  private final Schema schema;
  private final ExecContext ctx;
  private final int rowsPerBatch;
  private final ReadImagesSource.Counters counters;
  private final ImageDecoder decoder = new ImageDecoder();
  private int next;

  ImageFileStream(ImageSplit split, ImageOptions options, Storage storage, Schema schema,
      ExecContext ctx, int rowsPerBatch, ReadImagesSource.Counters counters) {
    this.files = split.files().files();
    this.layout = split.layout();
    this.options = options;
    this.reads = new ReadAhead(storage, files);
    this.schema = schema;
    this.ctx = ctx;
    this.rowsPerBatch = rowsPerBatch;
    this.counters = counters;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    if (next >= files.size()) {
      return null;
    }
    int capacity = Math.min(rowsPerBatch, files.size() - next);
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, ctx.allocator());
    try {
      FixedShapeTensorVector images = (FixedShapeTensorVector) root.getVector("image");
      VarCharVector paths = (VarCharVector) root.getVector("path");
      TensorColumnWriter writer = images == null ? null : new TensorColumnWriter(images, capacity);
      boolean decode = images != null || options.skipErrors();
      int rows = 0;
      while (rows < capacity && next < files.size()) {
        ctx.checkCancelled();
        String file = files.get(next++);
        if (decode) {
          byte[] pixels = decodeFile(next - 1, file);
          if (pixels == null) {
            continue; // skipped (on_error => 'skip')
          }
          if (writer != null) {
            writer.set(rows, pixels);
          }
        }
        if (paths != null) {
          paths.setSafe(rows, file.getBytes(StandardCharsets.UTF_8));
        }
        rows++;
      }
      if (rows == 0) { // every remaining file was skipped
        root.close();
        return null;
      }
      if (writer != null) {
        writer.finish(rows);
      }
      root.setRowCount(rows);
      return root;
    } catch (RuntimeException e) {
      root.close();
      throw e;
    }
  }

  /** The file's pixels in the layout, or null if it was skipped. */
  private byte[] decodeFile(int index, String file) {
    counters.opened.incrementAndGet();
    byte[] pixels;
    int h;
    int w;
    try {
      BufferedImage image = decoder.decode(reads.read(index));
      h = image.getHeight();
      w = image.getWidth();
      pixels = PixelConverter.toMode(image, layout.mode());
    } catch (IOException | RuntimeException e) {
      if (options.skipErrors()) {
        counters.skipped.incrementAndGet();
        return null;
      }
      throw ImageOptions.decodeError(file, e);
    }
    if (h == layout.height() && w == layout.width()) {
      return pixels;
    }
    if (!options.hasSize()) {
      throw layout.sizeMismatch(file, h, w);
    }
    return BilinearResize.resize(pixels, h, w, layout.mode().channels(), layout.height(), layout.width());
  }

  @Override
  public void close() {
    next = files.size();
    reads.close();
    decoder.close();
  }
}
