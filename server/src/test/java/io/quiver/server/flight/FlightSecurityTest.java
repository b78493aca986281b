package io.quiver.server.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.auth2.BearerCredentialWriter;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logins, tokens and their expiry, and refusals that tell nothing. */
class FlightSecurityTest {
  @TempDir
  Path dir;

  @Test
  void wrongPasswordAndUnknownUserAreRefused() throws Exception {
    try (FlightTestServer t = new FlightTestServer(dir)) {
      SQLException wrong = assertThrows(SQLException.class, () -> t.connect("alice", "nope").close());
      SQLException unknown = assertThrows(SQLException.class, () -> t.connect("mallory", "secret").close());
      for (SQLException e : new SQLException[] {wrong, unknown}) {
        String m = fullMessage(e);
        assertTrue(m.contains("UNAUTHENTICATED") || m.contains("Invalid user or password"), m);
        assertFalse(m.contains("bob") || m.contains("pbkdf2") || m.contains("\tat io.quiver"), m);
      }
      try (Connection c = t.connect("bob", "hunter2"); Statement st = c.createStatement();
           ResultSet rs = st.executeQuery("SELECT 1")) {
        assertTrue(rs.next());
      }
    }
  }

  @Test
  void callsWithoutAValidTokenAreUnauthenticated() throws Exception {
    try (FlightTestServer t = new FlightTestServer(dir);
         BufferAllocator a = new RootAllocator();
         FlightSqlClient client = new FlightSqlClient(
             FlightClient.builder(a, Location.forGrpcInsecure("127.0.0.1", t.server.port())).build())) {
      assertCode(FlightStatusCode.UNAUTHENTICATED, () -> client.getCatalogs());
      assertCode(FlightStatusCode.UNAUTHENTICATED, () -> client.execute("SELECT 1"));
      CredentialCallOption forged = new CredentialCallOption(new BearerCredentialWriter("forged-token"));
      assertCode(FlightStatusCode.UNAUTHENTICATED, () -> client.execute("SELECT 1", forged));
    }
  }

  @Test
  void tokensExpireWhenUnused() throws Exception {
    try (FlightTestServer t = new FlightTestServer(dir, c -> c.withTokenTtl(Duration.ofMillis(400)));
         BufferAllocator a = new RootAllocator();
         FlightClient flight = FlightClient.builder(a, Location.forGrpcInsecure("127.0.0.1", t.server.port())).build();
         FlightSqlClient client = new FlightSqlClient(flight)) {
      CredentialCallOption token = flight.authenticateBasicToken("alice", "secret").orElseThrow();
      client.getCatalogs(token);
      assertEquals(1, t.server.sessions());
      Thread.sleep(1200);
      assertCode(FlightStatusCode.UNAUTHENTICATED, () -> client.getCatalogs(token));
      assertEquals(0, t.server.sessions(), "the expired session was closed");
    }
  }

  private static void assertCode(FlightStatusCode code, Runnable call) {
    FlightRuntimeException e = assertThrows(FlightRuntimeException.class, call::run);
    assertEquals(code, e.status().code(), e.getMessage());
    assertFalse(String.valueOf(e.status().description()).contains("\tat "));
  }

  static String fullMessage(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = e; c != null; c = c.getCause()) {
      sb.append(c.getMessage()).append(" | ");
    }
    return sb.toString();
  }
}
