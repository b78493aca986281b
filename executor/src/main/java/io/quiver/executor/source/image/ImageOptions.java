package io.quiver.executor.source.image;

import io.quiver.executor.QuiverException;
import io.quiver.executor.source.SourceArgs;
import io.quiver.executor.storage.StorageIOException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parsed arguments of {@code read_images}.
 *
 * @param mode the requested mode, or null for the first image's own mode
 * @param height the {@code size} height, or -1 for the first image's size (same for width)
 * @param seed the shuffle seed, or null for the session seed (or fresh randomness)
 * @param extensions lower-case extensions listed from directories and globs (empty: every file)
 */
record ImageOptions(String path, boolean includePaths, ImageMode mode, int height, int width,
    boolean shuffleFiles, Long seed, Set<String> extensions, boolean skipErrors) {
  static final String NAME = "read_images";
  static final String DEFAULT_EXTENSIONS = "png,jpg,jpeg,bmp,gif";

  boolean hasSize() {
    return height > 0;
  }

  static ImageOptions parse(Map<String, Object> arguments) {
    SourceArgs args = new SourceArgs(NAME, arguments, Set.of("path", "include_paths", "mode", "size",
        "shuffle", "seed", "file_extensions", "on_error"));
    ImageMode mode = null;
    if (args.has("mode")) {
      mode = ImageMode.parse(args.string("mode", null));
      if (mode == null) {
        throw args.bad("mode", args.string("mode", null), "one of 'L', 'RGB', 'RGBA'");
      }
    }
    int[] size = args.has("size") ? parseSize(args, args.string("size", null)) : new int[] {-1, -1};
    return new ImageOptions(args.requiredString("path"), args.bool("include_paths", false), mode,
        size[0], size[1], parseShuffle(args), args.integer("seed"),
        parseExtensions(args.string("file_extensions", DEFAULT_EXTENSIONS)), parseOnError(args));
  }

  /** 'HxW' (or a single N for NxN). */
  private static int[] parseSize(SourceArgs args, String s) {
    String[] parts = s.trim().toLowerCase(Locale.ROOT).split("\\s*[x,]\\s*");
    try {
      int h = Integer.parseInt(parts[0]);
      int w = parts.length == 1 ? h : Integer.parseInt(parts[1]);
      // 4 channels must still fit one Arrow fixed-size list.
      if (parts.length <= 2 && h > 0 && w > 0 && (long) h * w * 4 <= Integer.MAX_VALUE) {
        return new int[] {h, w};
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw args.bad("size", s, "'HEIGHTxWIDTH' with positive numbers, e.g. '32x32'");
  }

  private static boolean parseShuffle(SourceArgs args) {
    String s = args.string("shuffle", "none").trim().toLowerCase(Locale.ROOT);
    if (s.equals("files") || s.equals("true")) {
      return true;
    }
    if (s.equals("none") || s.equals("false") || s.isEmpty()) {
      return false;
    }
    throw args.bad("shuffle", s, "'files' (shuffle the order of files) or 'none'");
  }

  private static boolean parseOnError(SourceArgs args) {
    String s = args.string("on_error", "fail").trim().toLowerCase(Locale.ROOT);
    if (s.equals("skip") || s.equals("fail")) {
      return s.equals("skip");
    }
    throw args.bad("on_error", s, "'fail' or 'skip'");
  }

  /** 'png, .JPG' -> {png, jpg}; '' or '*' -> every file. */
  private static Set<String> parseExtensions(String list) {
    Set<String> out = new TreeSet<>();
    for (String e : list.split(",")) {
      String x = e.trim().toLowerCase(Locale.ROOT);
      x = x.startsWith("*.") ? x.substring(2) : x.startsWith(".") ? x.substring(1) : x;
      if (x.equals("*")) {
        return Set.of();
      }
      if (!x.isEmpty()) {
        out.add(x);
      }
    }
    return Set.copyOf(out);
  }

  /** The error for a file that cannot be decoded (on_error => 'fail'). */
  static QuiverException decodeError(String file, Exception cause) {
    StorageIOException failed = StorageIOException.find(cause);
    if (failed != null) { // the bytes never arrived: not a decoding problem
      return new QuiverException(NAME + ": cannot read image file '" + file + "': " + failed.getMessage() + ".",
          cause);
    }
    String why = cause instanceof NoSuchFileException ? "the file does not exist"
        : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new QuiverException(NAME + ": cannot decode image file '" + file + "': " + why
        + ". Pass on_error => 'skip' to skip files that cannot be decoded.", cause);
  }
}
