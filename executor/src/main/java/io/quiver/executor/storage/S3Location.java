package io.quiver.executor.storage;

import io.quiver.executor.QuiverException;

/**
 * An {@code s3://bucket/key} URI split into bucket and key. The key may be empty (the whole bucket) or
 * end with '/' (a folder-like prefix).
 */
public record S3Location(String bucket, String key) {
  /** The URI scheme prefix this storage serves. */
  public static final String SCHEME = "s3://";

  /** Whether {@code location} names an object or prefix in S3. */
  public static boolean isS3(String location) {
    return location != null && location.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
  }

  /** Parses {@code s3://bucket[/key]}; a URI without a bucket is a user error. */
  public static S3Location parse(String location) {
    if (!isS3(location)) {
      throw new QuiverException("'" + location + "' is not an s3:// URI.");
    }
    String rest = location.substring(SCHEME.length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String key = slash < 0 ? "" : rest.substring(slash + 1);
    if (bucket.isEmpty()) {
      throw new QuiverException("'" + location + "' names no bucket; S3 locations look like s3://bucket/prefix/.");
    }
    return new S3Location(bucket, key);
  }

  /** The location of another key in the same bucket. */
  public S3Location withKey(String otherKey) {
    return new S3Location(bucket, otherKey);
  }

  /** The key as a folder-like prefix: empty (the bucket) or ending with '/'. */
  public String prefix() {
    return key.isEmpty() || key.endsWith("/") ? key : key + "/";
  }

  @Override
  public String toString() {
    return SCHEME + bucket + "/" + key;
  }
}
