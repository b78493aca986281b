package io.quiver.executor.storage;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of a {@link StagedFile#handle()}: fields URL-encoded and joined by spaces, so paths and keys
 * with any characters survive the trip. The first field says which storage made it.
 */
final class Handles {
  private Handles() {}

  static String encode(List<String> fields) {
    List<String> out = new ArrayList<>(fields.size());
    for (String f : fields) {
      out.add(URLEncoder.encode(f, StandardCharsets.UTF_8));
    }
    return String.join(" ", out);
  }

  /** The fields of {@code handle}, checking it was made by {@code kind} with at least {@code min} fields. */
  static List<String> decode(String handle, String kind, int min) {
    List<String> out = new ArrayList<>();
    for (String f : handle.split(" ", -1)) {
      out.add(URLDecoder.decode(f, StandardCharsets.UTF_8));
    }
    if (out.size() < min || !out.get(0).equals(kind)) {
      throw new IllegalArgumentException("not a " + kind + " staged-file handle: " + handle);
    }
    return out;
  }
}
