package io.quiver.executor.storage;

import io.quiver.executor.QuiverException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns SDK exceptions into short, user-readable reasons: what S3 said (status and error code), what
 * it likely means, never a credential, never the SDK's request ids.
 */
final class S3Errors {
  private S3Errors() {}

  /** Whether S3 answered "not found" (no such key or bucket). */
  static boolean isNotFound(SdkException e) {
    return e instanceof AwsServiceException s && s.statusCode() == 404;
  }

  /** The failure of an I/O method of {@link Storage}, with the reason as its message. */
  static StorageIOException io(S3Location where, SdkException e, S3Config config) {
    return new StorageIOException(reason(where, e, config), isNotFound(e), e);
  }

  /** A user error: "{@code function}: cannot {@code verb} '{@code shown}': reason." */
  static QuiverException user(String function, String verb, String shown, S3Location where, SdkException e,
      S3Config config) {
    return new QuiverException((function == null ? "" : function + ": ") + "cannot " + verb + " '" + shown + "': "
        + reason(where, e, config) + ".", e);
  }

  /** What went wrong, in one sentence without a final period. */
  static String reason(S3Location where, SdkException e, S3Config config) {
    if (e instanceof AwsServiceException s) {
      AwsErrorDetails d = s.awsErrorDetails();
      String code = d == null ? null : d.errorCode();
      String tag = " (S3 status " + s.statusCode() + (code == null ? "" : " " + code) + ")";
      if ("NoSuchBucket".equals(code)) {
        return "the bucket '" + where.bucket() + "' does not exist" + tag;
      }
      if (s.statusCode() == 404) {
        return "the object does not exist" + tag;
      }
      if ("InvalidAccessKeyId".equals(code) || "SignatureDoesNotMatch".equals(code)) {
        return "S3 rejected the credentials; check s3_access_key_id and s3_secret_access_key" + tag;
      }
      if (s.statusCode() == 403) {
        return "access denied; check the credentials (s3_access_key_id, s3_secret_access_key or the default "
            + "credential chain) and the bucket's policy" + tag;
      }
      if (s.statusCode() >= 500 || s.isThrottlingException()) {
        return "S3 kept failing after " + config.maxAttempts() + " attempts (setting s3_max_attempts)" + tag;
      }
      String message = d == null || d.errorMessage() == null ? "" : ": " + config.redact(d.errorMessage());
      return "S3 refused the request" + message + tag;
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : config.redact(e.getMessage());
    int newline = message.indexOf('\n');
    if (newline > 0) {
      message = message.substring(0, newline);
    }
    return "the S3 request failed" + (config.endpoint() == null ? "" : " (endpoint " + config.endpoint() + ")")
        + ": " + message;
  }
}
