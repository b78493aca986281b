package io.quiver.server.flight;

import io.quiver.server.flight.auth.UserStore;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How {@code quiver server} listens: address (127.0.0.1 unless told otherwise), port (0 picks a free
 * one), who may log in, TLS certificate chain and PKCS#8 key (PEM; both or neither), an optional CA whose
 * client certificates are required (mTLS), and how long an unused bearer token lives.
 */
public record FlightServerConfig(String host, int port, UserStore users, Path tlsCert, Path tlsKey,
    Path clientCa, Duration tokenTtl) {

  public FlightServerConfig {
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("TLS needs both a certificate (tls_cert) and a key (tls_key).");
    }
    if (clientCa != null && tlsCert == null) {
      throw new IllegalArgumentException("Client certificates (tls_client_ca) need TLS (tls_cert, tls_key).");
    }
    if (users == null) {
      throw new IllegalArgumentException("The server needs users (a users file or a user and password).");
    }
  }

  /** Plain-text on 127.0.0.1 with one-hour tokens. */
  public static FlightServerConfig local(int port, UserStore users) {
    return new FlightServerConfig("127.0.0.1", port, users, null, null, null, Duration.ofHours(1));
  }

  public boolean tls() {
    return tlsCert != null;
  }

  public FlightServerConfig withTls(Path cert, Path key, Path ca) {
    return new FlightServerConfig(host, port, users, cert, key, ca, tokenTtl);
  }

  public FlightServerConfig withTokenTtl(Duration ttl) {
    return new FlightServerConfig(host, port, users, tlsCert, tlsKey, clientCa, ttl);
  }
}
