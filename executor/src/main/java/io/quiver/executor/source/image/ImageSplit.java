package io.quiver.executor.source.image;

import io.quiver.executor.source.SourceSplit;
import io.quiver.executor.source.binary.FileGroupSplit;

/** A run of image files plus the layout to decode them to, so opening it needs no listing or header. */
record ImageSplit(FileGroupSplit files, ImageLayout layout) implements SourceSplit {
  @Override
  public String description() {
    return files.description();
  }

  @Override
  public long sizeEstimate() {
    return files.sizeEstimate();
  }
}
