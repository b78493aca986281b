package io.quiver.server.flight.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The users who may log in, with hashed passwords. The users file has one {@code user:hash} per line
 * ({@code #} starts a comment); hashes come from {@code quiver server --hash-password}. Plain-text
 * passwords in the file are refused.
 */
public final class UserStore {
  private final Map<String, String> hashes;

  private UserStore(Map<String, String> hashes) {
    this.hashes = hashes;
  }

  /** Reads a users file; throws IllegalArgumentException naming the file and line on a malformed line. */
  public static UserStore load(Path file) throws IOException {
    Map<String, String> hashes = new TreeMap<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      String hash = colon > 0 ? line.substring(colon + 1).strip() : "";
      if (colon <= 0 || !PasswordHasher.isHash(hash)) {
        throw new IllegalArgumentException("Users file " + file + ", line " + (i + 1)
            + ": expected 'user:pbkdf2-sha256$...' (make the hash with 'quiver server --hash-password').");
      }
      hashes.put(line.substring(0, colon).strip(), hash);
    }
    if (hashes.isEmpty()) {
      throw new IllegalArgumentException("Users file " + file + " lists no users.");
    }
    return new UserStore(hashes);
  }

  /** One user with a password given in the settings (hashed at once, the plain text is not kept). */
  public static UserStore single(String user, char[] password) {
    Map<String, String> m = new TreeMap<>();
    m.put(user, PasswordHasher.hash(password));
    return new UserStore(m);
  }

  /** True if the user exists and the password matches; takes as long for unknown users. */
  public boolean check(String user, char[] password) {
    String hash = hashes.get(user);
    if (hash == null) {
      PasswordHasher.matches(password, DUMMY);
      return false;
    }
    return PasswordHasher.matches(password, hash);
  }

  public List<String> users() {
    return List.copyOf(hashes.keySet());
  }

  /** Compared against when the user is unknown, so timing does not tell which users exist. */
  private static final String DUMMY = PasswordHasher.hash("not a password".toCharArray());
}
