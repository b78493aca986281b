package io.quiver.executor.storage;

import io.quiver.executor.QuiverException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds and caches one {@link S3Client} per {@link S3Config}. Clients are thread-safe and hold a
 * connection pool, so every query of every session with the same settings shares one; they live as long
 * as the JVM.
 */
final class S3Clients {
  /** Parallel ranged reads and uploads of one JVM share this many connections per client. */
  static final int MAX_CONNECTIONS = 64;
  /** Region assumed for an S3-compatible endpoint when none is set (MinIO, s3proxy accept any). */
  static final String ENDPOINT_DEFAULT_REGION = "us-east-1";

  private static final Map<S3Config, S3Client> CLIENTS = new ConcurrentHashMap<>();

  private S3Clients() {}

  static S3Client client(S3Config config) {
    return CLIENTS.computeIfAbsent(config, S3Clients::build);
  }

  private static S3Client build(S3Config c) {
    S3ClientBuilder b = S3Client.builder()
        .httpClientBuilder(ApacheHttpClient.builder().maxConnections(MAX_CONNECTIONS))
        .credentialsProvider(credentials(c))
        .forcePathStyle(c.pathStyle())
        // The standard strategy: exponential backoff with jitter on throttling, 5xx and I/O errors.
        .overrideConfiguration(ClientOverrideConfiguration.builder()
            .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(c.maxAttempts()).build())
            .build());
    if (c.endpoint() != null) {
      b.endpointOverride(URI.create(c.endpoint()));
    }
    if (c.region() != null) {
      b.region(Region.of(c.region()));
    } else if (c.endpoint() != null) {
      b.region(Region.of(ENDPOINT_DEFAULT_REGION));
    } else {
      b.crossRegionAccessEnabled(true); // AWS with the default region chain: buckets may live elsewhere
    }
    if (c.requestChecksums() != null) {
      b.requestChecksumCalculation(c.requestChecksums().equals("when_required")
          ? RequestChecksumCalculation.WHEN_REQUIRED : RequestChecksumCalculation.WHEN_SUPPORTED);
    }
    if (c.responseChecksums() != null) {
      b.responseChecksumValidation(c.responseChecksums().equals("when_required")
          ? ResponseChecksumValidation.WHEN_REQUIRED : ResponseChecksumValidation.WHEN_SUPPORTED);
    }
    try {
      return b.build();
    } catch (SdkException e) {
      throw new QuiverException("Cannot set up the S3 client (" + c + "): " + c.redact(e.getMessage())
          + (c.region() == null ? " Set s3_region (and s3_endpoint for S3-compatible servers)." : ""), e);
    }
  }

  private static AwsCredentialsProvider credentials(S3Config c) {
    if (c.accessKeyId() == null) {
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(c.sessionToken() == null
        ? AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey())
        : AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
  }
}
