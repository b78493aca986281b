package io.quiver.shell;

import io.quiver.executor.QuiverException;
import io.quiver.server.StatementResult;
import io.quiver.server.flight.MessageRows;
import io.quiver.server.flight.SessionNotices;
import io.quiver.udf.tensor.FixedShapeTensorType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarCharVector;

/**
 * The shell as a Flight SQL client of {@code quiver server} ({@code quiver shell --connect host:port}):
 * logs in with user and password, then runs each statement as a Flight SQL query and hands the streamed
 * batches to the same printer as the embedded shell. Statements without rows come back as their message.
 */
final class RemoteSession implements ShellBackend, AutoCloseable {
  private final BufferAllocator allocator = new RootAllocator();
  private final FlightClient flight;
  private final FlightSqlClient client;
  private final CredentialCallOption token;
  private final RemoteCompletions completions;
  /** The result being read, so Ctrl-C can cancel its stream (the server then cancels the query). */
  private volatile FlightBatchStream current;

  /** @param tlsCa null for plain text, a PEM file of trusted certificates, or "" for the system's trust */
  RemoteSession(String host, int port, String user, char[] password, String tlsCa) {
    FixedShapeTensorType.ensureRegistered();
    FlightClient.Builder b = FlightClient.builder(allocator,
        tlsCa == null ? Location.forGrpcInsecure(host, port) : Location.forGrpcTls(host, port));
    try {
      if (tlsCa != null && !tlsCa.isEmpty()) {
        try (InputStream in = Files.newInputStream(Path.of(tlsCa))) {
          b.trustedCertificates(in);
        }
      }
      this.flight = b.build();
      this.token = flight.authenticateBasicToken(user, new String(password))
          .orElseThrow(() -> new QuiverException("The server at " + host + ":" + port + " sent no token."));
    } catch (FlightRuntimeException e) {
      allocator.close();
      throw new QuiverException("Cannot log in to " + host + ":" + port + ": " + describe(e), e);
    } catch (IOException e) {
      allocator.close();
      throw new QuiverException("Cannot read the TLS certificate file " + tlsCa + ": " + e.getMessage(), e);
    }
    this.client = new FlightSqlClient(flight);
    this.completions = new RemoteCompletions(client, token, this);
  }

  @Override
  public void cancel() {
    FlightBatchStream s = current;
    if (s != null) {
      s.cancel();
    }
  }

  @Override
  public CompletionData completions() {
    return completions;
  }

  @Override
  public StatementResult execute(String sql) {
    FlightStream stream;
    try {
      FlightInfo info = client.execute(sql, token);
      stream = client.getStream(info.getEndpoints().get(0).getTicket(), token);
      stream.getSchema();
    } catch (FlightRuntimeException e) {
      throw toUser(e);
    }
    if ("true".equals(stream.getSchema().getCustomMetadata().get(MessageRows.KEY))) {
      try (FlightStream s = stream) {
        String message = null;
        while (s.next()) {
          VarCharVector v = (VarCharVector) s.getRoot().getVector(0);
          if (s.getRoot().getRowCount() > 0 && !v.isNull(0)) {
            message = v.getObject(0).toString();
          }
        }
        return StatementResult.message(message);
      } catch (FlightRuntimeException e) {
        throw toUser(e);
      } catch (Exception e) {
        throw new QuiverException("Could not read the server's answer: " + e.getMessage(), e);
      }
    }
    FlightBatchStream rows = new FlightBatchStream(stream, allocator);
    current = rows;
    return StatementResult.rows(rows, () -> current = null, rows::cancel);
  }

  /** The session's notices, from Quiver's own Flight action; none when the server cannot be asked. */
  @Override
  public java.util.List<String> notices() {
    java.util.List<String> out = new java.util.ArrayList<>();
    try {
      java.util.Iterator<org.apache.arrow.flight.Result> it =
          flight.doAction(new org.apache.arrow.flight.Action(SessionNotices.ACTION), token);
      while (it.hasNext()) {
        out.add(new String(it.next().getBody(), java.nio.charset.StandardCharsets.UTF_8));
      }
    } catch (FlightRuntimeException e) {
      // An older server or a lost connection: the statement's own answer or error already said what counts.
    }
    return out;
  }

  /** A Flight error as the one-paragraph message the server sent. */
  static QuiverException toUser(FlightRuntimeException e) {
    return new QuiverException(describe(e), e);
  }

  private static String describe(FlightRuntimeException e) {
    String d = e.status().description();
    return d == null || d.isBlank() ? e.status().code().toString() : d;
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (Exception e) {
      // closing a connection that is already gone is fine
    }
    allocator.close();
  }
}
