package io.quiver.executor.cluster.flight;

import io.quiver.executor.QuiverException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallInfo;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightClientMiddleware;
import org.apache.arrow.flight.FlightServerMiddleware;
import org.apache.arrow.flight.RequestContext;

/**
 * The shared secret that coordinator and workers prove to each other on every Flight call (a header
 * checked by a server middleware with a constant-time compare). It comes from {@code
 * QUIVER_CLUSTER_SECRET} or a secret file; a coordinator without one generates it for its local workers.
 */
public final class ClusterSecret {
  /** The header every cluster call carries. */
  public static final String HEADER = "x-quiver-cluster-secret";
  /** The environment variable workers and coordinators read the secret from. */
  public static final String ENV = "QUIVER_CLUSTER_SECRET";

  private final byte[] secret;

  private ClusterSecret(String secret) {
    if (secret.isBlank()) {
      throw new QuiverException("The cluster secret is empty: set " + ENV + " or give a non-empty --secret-file.");
    }
    this.secret = secret.strip().getBytes(StandardCharsets.UTF_8);
  }

  public static ClusterSecret of(String secret) {
    return new ClusterSecret(secret);
  }

  /** A fresh random secret (for a coordinator that spawns its own workers). */
  public static ClusterSecret generate() {
    byte[] raw = new byte[24];
    new SecureRandom().nextBytes(raw);
    return new ClusterSecret(Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
  }

  /** The secret from {@code secretFile} if given, else from {@code env}'s {@link #ENV}; null if neither. */
  public static ClusterSecret load(Path secretFile, Map<String, String> env) {
    if (secretFile != null) {
      try {
        return new ClusterSecret(Files.readString(secretFile));
      } catch (IOException e) {
        throw new QuiverException("Cannot read the cluster secret file " + secretFile + ": " + e.getMessage(), e);
      }
    }
    String v = env.get(ENV);
    return v == null ? null : new ClusterSecret(v);
  }

  /** The secret as text, to hand to a spawned worker through its environment. */
  public String value() {
    return new String(secret, StandardCharsets.UTF_8);
  }

  /** True when {@code presented} is this secret; takes the same time wherever the first difference is. */
  public boolean matches(String presented) {
    return presented != null && MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8));
  }

  /** The server side: refuses every call without the secret (UNAUTHENTICATED). */
  public FlightServerMiddleware.Factory<FlightServerMiddleware> serverMiddleware() {
    return (CallInfo info, CallHeaders headers, RequestContext context) -> {
      if (!matches(headers.get(HEADER))) {
        throw CallStatus.UNAUTHENTICATED.withDescription("wrong or missing cluster secret").toRuntimeException();
      }
      return NOOP_SERVER;
    };
  }

  /** The client side: adds the secret to every call. */
  public FlightClientMiddleware.Factory clientMiddleware() {
    String value = value();
    return info -> new FlightClientMiddleware() {
      @Override
      public void onBeforeSendingHeaders(CallHeaders outgoingHeaders) {
        outgoingHeaders.insert(HEADER, value);
      }

      @Override
      public void onHeadersReceived(CallHeaders incomingHeaders) {}

      @Override
      public void onCallCompleted(CallStatus status) {}
    };
  }

  @Override
  public String toString() {
    return "ClusterSecret[hidden]";
  }

  private static final FlightServerMiddleware NOOP_SERVER = new FlightServerMiddleware() {
    @Override
    public void onBeforeSendingHeaders(CallHeaders outgoingHeaders) {}

    @Override
    public void onCallCompleted(CallStatus status) {}

    @Override
    public void onCallErrored(Throwable err) {}
  };
}
