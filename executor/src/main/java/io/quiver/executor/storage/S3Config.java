package io.quiver.executor.storage;

import io.quiver.executor.QuiverException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * How to reach S3, from the session settings ({@code s3_*}). Without static keys the SDK's default
 * credential chain is used (environment, profile, container and instance roles), and without a region
 * the default region chain, so production users on AWS need no settings. Equal configurations share
 * one client ({@link S3Storage#forSettings}). {@link #toString()} never shows the secrets.
 *
 * @param endpoint an endpoint URL for S3-compatible servers (MinIO, Ceph, s3proxy), or null for AWS
 * @param region the signing region, or null for the SDK's default region chain
 * @param requestChecksums 'when_supported' or 'when_required', or null for the SDK's default
 * @param responseChecksums 'when_supported' or 'when_required', or null for the SDK's default
 * @param maxAttempts attempts per request, the first included (throttling and 5xx are retried)
 * @param listPageSize keys per ListObjectsV2 request (S3 serves at most 1000)
 */
public record S3Config(String endpoint, String region, boolean pathStyle, String accessKeyId,
    String secretAccessKey, String sessionToken, String requestChecksums, String responseChecksums,
    int maxAttempts, int listPageSize) {
  public static final String ENDPOINT = "s3_endpoint";
  public static final String REGION = "s3_region";
  public static final String PATH_STYLE = "s3_path_style";
  public static final String ACCESS_KEY_ID = "s3_access_key_id";
  public static final String SECRET_ACCESS_KEY = "s3_secret_access_key";
  public static final String SESSION_TOKEN = "s3_session_token";
  public static final String REQUEST_CHECKSUMS = "s3_request_checksum_calculation";
  public static final String RESPONSE_CHECKSUMS = "s3_response_checksum_validation";
  public static final String MAX_ATTEMPTS = "s3_max_attempts";
  public static final String LIST_PAGE_SIZE = "s3_list_page_size";

  public static final int DEFAULT_MAX_ATTEMPTS = 5;
  public static final int DEFAULT_LIST_PAGE_SIZE = 1000;

  /** The configuration the {@code s3_*} settings describe; a bad value is a user error naming the setting. */
  public static S3Config from(Map<String, String> settings) {
    String endpoint = blankToNull(settings.get(ENDPOINT));
    if (endpoint != null) {
      checkEndpoint(endpoint);
    }
    String accessKey = blankToNull(settings.get(ACCESS_KEY_ID));
    String secret = blankToNull(settings.get(SECRET_ACCESS_KEY));
    if ((accessKey == null) != (secret == null)) {
      throw new QuiverException("S3 static credentials need both " + ACCESS_KEY_ID + " and " + SECRET_ACCESS_KEY
          + " (or neither, for the default credential chain); only " + (accessKey == null ? SECRET_ACCESS_KEY
          : ACCESS_KEY_ID) + " is set.");
    }
    return new S3Config(endpoint, blankToNull(settings.get(REGION)),
        bool(settings.get(PATH_STYLE)), accessKey, secret, blankToNull(settings.get(SESSION_TOKEN)),
        checksumMode(REQUEST_CHECKSUMS, settings.get(REQUEST_CHECKSUMS)),
        checksumMode(RESPONSE_CHECKSUMS, settings.get(RESPONSE_CHECKSUMS)),
        intSetting(MAX_ATTEMPTS, settings.get(MAX_ATTEMPTS), DEFAULT_MAX_ATTEMPTS, 1, 100),
        intSetting(LIST_PAGE_SIZE, settings.get(LIST_PAGE_SIZE), DEFAULT_LIST_PAGE_SIZE, 1, 1000));
  }

  /** Whether a setting holds a secret that must never be shown (SHOW SETTINGS, SET, error messages). */
  public static boolean isSecret(String setting) {
    return SECRET_ACCESS_KEY.equals(setting) || SESSION_TOKEN.equals(setting);
  }

  /** {@code text} with every credential of this configuration replaced by {@code ****}. */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String secret : new String[] {secretAccessKey, sessionToken, accessKeyId}) {
      if (secret != null && secret.length() >= 4) {
        out = out.replace(secret, "****");
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "S3Config[endpoint=" + endpoint + ", region=" + region + ", pathStyle=" + pathStyle
        + ", staticCredentials=" + (accessKeyId != null) + ", maxAttempts=" + maxAttempts + "]";
  }

  static void checkEndpoint(String endpoint) {
    URI uri;
    try {
      uri = URI.create(endpoint);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null || uri.getHost() == null
        || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
      throw new QuiverException("Invalid " + ENDPOINT + " '" + endpoint + "': expected a URL such as "
          + "http://127.0.0.1:9000 or https://s3.example.com.");
    }
  }

  private static String checksumMode(String setting, String value) {
    String v = blankToNull(value);
    if (v == null) {
      return null;
    }
    v = v.trim().toLowerCase(Locale.ROOT);
    if (!v.equals("when_supported") && !v.equals("when_required")) {
      throw new QuiverException("Invalid " + setting + " '" + value + "': expected 'when_supported' or 'when_required'.");
    }
    return v;
  }

  private static boolean bool(String value) {
    String v = blankToNull(value);
    return v != null && (v.trim().equalsIgnoreCase("true") || v.trim().equals("1"));
  }

  private static int intSetting(String setting, String value, int fallback, int min, int max) {
    String v = blankToNull(value);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new QuiverException("Invalid " + setting + " '" + value + "': expected a whole number from " + min
        + " to " + max + ".");
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
