package io.quiver.server.flight;

import io.quiver.server.QuiverEngine;
import io.quiver.server.flight.auth.PasswordHasher;
import io.quiver.server.flight.auth.UserStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** An engine and a Flight SQL server on 127.0.0.1 (free port) with users alice/secret and bob/hunter2. */
final class FlightTestServer implements AutoCloseable {
  static final Path DATA = Path.of(System.getProperty("quiver.sharedData", "../../shared/data")).toAbsolutePath().normalize();
  static final String MNIST = DATA.resolve("mnist/50_per_index").toString();

  final QuiverEngine engine = new QuiverEngine();
  final QuiverFlightServer server;

  FlightTestServer(Path dir) throws Exception {
    this(dir, null);
  }

  FlightTestServer(Path dir, java.util.function.UnaryOperator<FlightServerConfig> tweak) throws Exception {
    Path users = dir.resolve("users");
    Files.writeString(users, "# test users\nalice:" + PasswordHasher.hash("secret".toCharArray())
        + "\nbob:" + PasswordHasher.hash("hunter2".toCharArray()) + "\n");
    FlightServerConfig config = FlightServerConfig.local(0, UserStore.load(users));
    server = QuiverFlightServer.start(engine, tweak == null ? config : tweak.apply(config));
  }

  String url() {
    return "jdbc:arrow-flight-sql://127.0.0.1:" + server.port() + "?useEncryption=false";
  }

  Connection connect(String user, String password) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    return DriverManager.getConnection(url(), p);
  }

  Connection connect() throws SQLException {
    return connect("alice", "secret");
  }

  @Override
  public void close() throws Exception {
    server.close();
    engine.close();
  }
}
