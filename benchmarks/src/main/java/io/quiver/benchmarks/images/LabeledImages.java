package io.quiver.benchmarks.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The PNG files under a {@code .../{label}/{image}.png} folder, in path order, with their labels. */
record LabeledImages(List<Path> files, int[] labels) {

  static LabeledImages under(Path dir) {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.getFileName().toString().endsWith(".png")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list images under " + dir, e);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no .png files under " + dir);
    }
    int[] labels = new int[files.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = Integer.parseInt(files.get(i).getParent().getFileName().toString());
    }
    return new LabeledImages(files, labels);
  }

  int size() {
    return files.size();
  }

  /** Images {@code [from, to)}. */
  LabeledImages slice(int from, int to) {
    return new LabeledImages(files.subList(from, to), java.util.Arrays.copyOfRange(labels, from, to));
  }
}
