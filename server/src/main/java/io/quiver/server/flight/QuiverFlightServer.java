package io.quiver.server.flight;

import io.quiver.server.QuiverEngine;
import io.quiver.server.flight.auth.TokenAuthenticator;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;

/**
 * {@code quiver server}: a Flight SQL endpoint on an embedded engine. Start it with {@link #start},
 * connect with {@code jdbc:arrow-flight-sql://host:port} (add {@code ?useEncryption=false} without TLS),
 * close it to stop (open sessions are closed, their memory returned).
 */
public final class QuiverFlightServer implements AutoCloseable {
  private final FlightServer server;
  private final ClientSessions sessions;
  private final BufferAllocator allocator;
  private final ExecutorService executor;
  private final FlightServerConfig config;

  private QuiverFlightServer(FlightServer server, ClientSessions sessions, BufferAllocator allocator,
      ExecutorService executor, FlightServerConfig config) {
    this.server = server;
    this.sessions = sessions;
    this.allocator = allocator;
    this.executor = executor;
    this.config = config;
  }

  public static QuiverFlightServer start(QuiverEngine engine, FlightServerConfig config) throws IOException {
    BufferAllocator allocator = engine.newAllocator("flight");
    ClientSessions sessions = new ClientSessions(engine, config.tokenTtl());
    QuiverFlightSqlProducer producer = new QuiverFlightSqlProducer(sessions, allocator);
    Location location = config.tls() ? Location.forGrpcTls(config.host(), config.port())
        : Location.forGrpcInsecure(config.host(), config.port());
    ExecutorService executor = Executors.newCachedThreadPool(threads());
    FlightServer.Builder b = FlightServer.builder(allocator, location, producer)
        .headerAuthenticator(new TokenAuthenticator(config.users(), sessions::open, sessions::idForToken))
        .executor(executor);
    if (config.tls()) {
      b.useTls(config.tlsCert().toFile(), config.tlsKey().toFile());
      if (config.clientCa() != null) {
        b.useMTlsClientVerification(config.clientCa().toFile());
      }
    }
    FlightServer server = b.build();
    try {
      server.start();
    } catch (IOException | RuntimeException e) {
      sessions.close();
      closeQuietly(server);
      executor.shutdownNow();
      allocator.close();
      throw e;
    }
    return new QuiverFlightServer(server, sessions, allocator, executor, config);
  }

  /** The port listened on (the chosen one when the config said 0). */
  public int port() {
    return server.getPort();
  }

  public String host() {
    return config.host();
  }

  /** Clients logged in now. */
  public int sessions() {
    return sessions.size();
  }

  /** Blocks until the server is shut down. */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdown();
    if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
      server.close();
    }
    sessions.close();
    executor.shutdownNow();
    allocator.close();
  }

  private static void closeQuietly(FlightServer server) {
    try {
      server.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory threads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "quiver-flight-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
