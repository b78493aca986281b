package io.quiver.shell;

import io.quiver.server.QuiverEngine;
import io.quiver.server.flight.FlightServerConfig;
import io.quiver.server.flight.QuiverFlightServer;
import io.quiver.server.flight.auth.PasswordHasher;
import io.quiver.server.flight.auth.UserStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * {@code quiver server}: a Flight SQL endpoint (JDBC: {@code jdbc:arrow-flight-sql://host:port}) on the
 * embedded engine, and {@code quiver server --hash-password}, which prints a users-file line.
 */
final class ServerCommand {
  private ServerCommand() {}

  static int run(Main.Options o, InputStream in, PrintStream out, PrintStream err) throws IOException, InterruptedException {
    if (o.hashPassword) {
      char[] pw = readPassword("Password: ", in);
      out.println((o.user == null ? "user" : o.user) + ":" + PasswordHasher.hash(pw));
      return 0;
    }
    UserStore users;
    if (o.usersFile != null) {
      users = UserStore.load(Path.of(o.usersFile));
    } else if (o.user != null) {
      users = UserStore.single(o.user, password(o.user, in));
    } else {
      byte[] raw = new byte[12];
      new SecureRandom().nextBytes(raw);
      String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
      users = UserStore.single("quiver", generated.toCharArray());
      err.println("No --users file or --user given: log in as user 'quiver' with password " + generated);
    }
    FlightServerConfig config = new FlightServerConfig(o.host, o.port, users,
        o.tlsCert == null ? null : Path.of(o.tlsCert), o.tlsKey == null ? null : Path.of(o.tlsKey),
        o.tlsClientCa == null ? null : Path.of(o.tlsClientCa), Duration.ofMinutes(o.tokenTtlMinutes));
    QuiverEngine engine = new QuiverEngine();
    QuiverFlightServer server = QuiverFlightServer.start(engine, config);
    ClusterCoordinator cluster = ClusterCoordinator.startIfAsked(o, engine, err);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (cluster != null) {
        cluster.close();
      }
      try {
        server.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      engine.close();
    }));
    String url = "jdbc:arrow-flight-sql://" + o.host + ":" + server.port() + (config.tls() ? "" : "?useEncryption=false");
    err.println("Quiver Flight SQL server on " + o.host + ":" + server.port() + (config.tls() ? " (TLS" 
        + (config.clientCa() != null ? ", client certificates required)" : ")") : " (plain text)")
        + ", users: " + String.join(", ", users.users()) + ". JDBC URL: " + url);
    server.awaitTermination();
    return 0;
  }

  /** The password of a user given on the command line: $QUIVER_PASSWORD, or asked for. */
  static char[] password(String user, InputStream in) throws IOException {
    String env = System.getenv("QUIVER_PASSWORD");
    if (env != null) {
      return env.toCharArray();
    }
    return readPassword("Password for " + user + ": ", in);
  }

  private static char[] readPassword(String prompt, InputStream in) throws IOException {
    if (System.console() != null) {
      char[] pw = System.console().readPassword(prompt);
      if (pw != null) {
        return pw;
      }
    }
    String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
    if (line == null) {
      throw new IllegalArgumentException("No password given (set QUIVER_PASSWORD or type it).");
    }
    return line.toCharArray();
  }
}
