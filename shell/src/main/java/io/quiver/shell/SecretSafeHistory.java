package io.quiver.shell;

import java.time.Instant;
import java.util.regex.Pattern;
import org.jline.reader.impl.history.DefaultHistory;

/**
 * The shell's history, minus statements that carry a secret ({@code SET s3_secret_access_key = ...},
 * {@code s3_session_token}): they run, but are not written to {@code ~/.quiver_history}.
 */
final class SecretSafeHistory extends DefaultHistory {
  private static final Pattern SECRET = Pattern.compile("(?i)s3_secret_access_key|s3_session_token");

  @Override
  public void add(Instant time, String line) {
    if (!holdsSecret(line)) {
      super.add(time, line);
    }
  }

  static boolean holdsSecret(String line) {
    return SECRET.matcher(line).find();
  }
}
