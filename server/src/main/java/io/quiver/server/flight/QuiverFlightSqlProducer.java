package io.quiver.server.flight;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.quiver.server.StatementResult;
import java.util.List;
import java.util.UUID;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.CancelFlightInfoRequest;
import org.apache.arrow.flight.CancelStatus;
import org.apache.arrow.flight.CloseSessionRequest;
import org.apache.arrow.flight.CloseSessionResult;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.SchemaResult;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.BasicFlightSqlProducer;
import org.apache.arrow.flight.sql.FlightSqlProducer.Schemas;
import org.apache.arrow.flight.sql.SqlInfoBuilder;
import org.apache.arrow.flight.sql.impl.FlightSql;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Flight SQL in front of the engine façade. Every call belongs to the {@link ClientSession} of its bearer
 * token. Queries and prepared statements are planned when asked for ({@code GetFlightInfo}), run lazily
 * and stream when fetched ({@code DoGet}); statements without rows (DDL, SET, CREATE FUNCTION) run as
 * updates ({@code DoPut}) and report their row counts. The JDBC driver prepares every statement, even
 * {@code Statement.executeQuery}.
 */
public final class QuiverFlightSqlProducer extends BasicFlightSqlProducer {
  private final ClientSessions sessions;
  private final BufferAllocator allocator;
  private final SqlInfoBuilder sqlInfo = SqlInfos.create();

  QuiverFlightSqlProducer(ClientSessions sessions, BufferAllocator allocator) {
    this.sessions = sessions;
    this.allocator = allocator;
  }

  private ClientSession session(CallContext context) {
    ClientSession s = sessions.get(context.peerIdentity());
    if (s == null) {
      throw CallStatus.UNAUTHENTICATED.withDescription("Session expired; log in again.").toRuntimeException();
    }
    return s;
  }

  @Override
  protected <T extends Message> List<FlightEndpoint> determineEndpoints(T request, FlightDescriptor d, Schema schema) {
    return List.of(new FlightEndpoint(new Ticket(Any.pack(request).toByteArray())));
  }

  // ---- statements ------------------------------------------------------------------------------------

  @Override
  public void createPreparedStatement(FlightSql.ActionCreatePreparedStatementRequest request, CallContext context,
      StreamListener<Result> listener) {
    try {
      ClientSession s = session(context);
      PreparedQuery pq = s.locked(() -> PreparedQuery.prepare(s.session, request.getQuery()));
      String handle = UUID.randomUUID().toString();
      s.prepared.put(handle, pq);
      FlightSql.ActionCreatePreparedStatementResult.Builder b = FlightSql.ActionCreatePreparedStatementResult
          .newBuilder().setPreparedStatementHandle(ByteString.copyFromUtf8(handle));
      if (pq.hasRows()) {
        b.setDatasetSchema(ByteString.copyFrom(CatalogMetadata.ipc(CatalogMetadata.withColumnMetadata(pq.resultSchema, null))));
      }
      if (!pq.parameterSchema.getFields().isEmpty()) {
        b.setParameterSchema(ByteString.copyFrom(CatalogMetadata.ipc(pq.parameterSchema)));
      }
      listener.onNext(new Result(Any.pack(b.build()).toByteArray()));
      listener.onCompleted();
    } catch (RuntimeException e) {
      listener.onError(FlightErrors.of(e));
    }
  }

  @Override
  public void closePreparedStatement(FlightSql.ActionClosePreparedStatementRequest request, CallContext context,
      StreamListener<Result> listener) {
    try {
      session(context).prepared.remove(request.getPreparedStatementHandle().toStringUtf8());
      listener.onCompleted();
    } catch (RuntimeException e) {
      listener.onError(FlightErrors.of(e));
    }
  }

  private PreparedQuery prepared(ClientSession s, ByteString handle) {
    PreparedQuery pq = s.prepared.get(handle.toStringUtf8());
    if (pq == null) {
      throw FlightErrors.notFound("Unknown or closed prepared statement.");
    }
    return pq;
  }

  @Override
  public FlightInfo getFlightInfoPreparedStatement(FlightSql.CommandPreparedStatementQuery command,
      CallContext context, FlightDescriptor descriptor) {
    try {
      ClientSession s = session(context);
      PreparedQuery pq = prepared(s, command.getPreparedStatementHandle());
      return start(s, pq.statements().get(0), descriptor);
    } catch (RuntimeException e) {
      throw FlightErrors.of(e);
    }
  }

  @Override
  public FlightInfo getFlightInfoStatement(FlightSql.CommandStatementQuery command, CallContext context,
      FlightDescriptor descriptor) {
    try {
      return start(session(context), command.getQuery(), descriptor);
    } catch (RuntimeException e) {
      throw FlightErrors.of(e);
    }
  }

  /** Runs a statement (lazily for queries) and keeps its result until the client fetches it. */
  private FlightInfo start(ClientSession s, String sql, FlightDescriptor descriptor) {
    StatementResult r = s.locked(() -> s.session.execute(sql));
    if (!r.hasRows()) {
      r = MessageRows.of(r, allocator);
    }
    String id = UUID.randomUUID().toString();
    s.pending.put(id, r);
    FlightSql.TicketStatementQuery ticket = FlightSql.TicketStatementQuery.newBuilder()
        .setStatementHandle(ByteString.copyFromUtf8(id)).build();
    Ticket t = new Ticket(Any.pack(ticket).toByteArray());
    return new FlightInfo(r.schema(), descriptor, List.of(new FlightEndpoint(t)), -1, -1);
  }

  @Override
  public SchemaResult getSchemaStatement(FlightSql.CommandStatementQuery command, CallContext context,
      FlightDescriptor descriptor) {
    try {
      ClientSession s = session(context);
      Schema schema = s.locked(() -> s.session.resultSchema(command.getQuery()));
      return new SchemaResult(schema == null ? MessageRows.SCHEMA : schema);
    } catch (RuntimeException e) {
      throw FlightErrors.of(e);
    }
  }

  @Override
  public SchemaResult getSchemaPreparedStatement(FlightSql.CommandPreparedStatementQuery command,
      CallContext context, FlightDescriptor descriptor) {
    PreparedQuery pq = prepared(session(context), command.getPreparedStatementHandle());
    return new SchemaResult(pq.hasRows() ? pq.resultSchema : new Schema(List.of()));
  }

  @Override
  public void getStreamStatement(FlightSql.TicketStatementQuery ticket, CallContext context,
      ServerStreamListener listener) {
    StatementResult r;
    try {
      r = session(context).pending.remove(ticket.getStatementHandle().toStringUtf8());
      if (r == null) {
        throw FlightErrors.notFound("Unknown or already fetched result.");
      }
    } catch (RuntimeException e) {
      listener.error(FlightErrors.of(e));
      return;
    }
    BatchSender.send(r, listener, allocator);
  }

  @Override
  public void getStreamPreparedStatement(FlightSql.CommandPreparedStatementQuery command, CallContext context,
      ServerStreamListener listener) {
    StatementResult r;
    try {
      ClientSession s = session(context);
      String sql = prepared(s, command.getPreparedStatementHandle()).statements().get(0);
      r = s.locked(() -> s.session.execute(sql));
      if (!r.hasRows()) {
        r = MessageRows.of(r, allocator);
      }
    } catch (RuntimeException e) {
      listener.error(FlightErrors.of(e));
      return;
    }
    BatchSender.send(r, listener, allocator);
  }

  @Override
  public Runnable acceptPutPreparedStatementQuery(FlightSql.CommandPreparedStatementQuery command,
      CallContext context, FlightStream stream, StreamListener<PutResult> ack) {
    return () -> {
      try {
        prepared(session(context), command.getPreparedStatementHandle()).bind(stream);
        ack.onCompleted();
      } catch (RuntimeException e) {
        ack.onError(FlightErrors.of(e));
      }
    };
  }

  @Override
  public Runnable acceptPutPreparedStatementUpdate(FlightSql.CommandPreparedStatementUpdate command,
      CallContext context, FlightStream stream, StreamListener<PutResult> ack) {
    return () -> {
      try {
        ClientSession s = session(context);
        PreparedQuery pq = prepared(s, command.getPreparedStatementHandle());
        pq.bind(stream);
        long count = 0;
        for (String sql : pq.statements()) {
          count += update(s, sql);
        }
        ackCount(ack, count);
      } catch (RuntimeException e) {
        ack.onError(FlightErrors.of(e));
      }
    };
  }

  @Override
  public Runnable acceptPutStatement(FlightSql.CommandStatementUpdate command, CallContext context,
      FlightStream stream, StreamListener<PutResult> ack) {
    return () -> {
      try {
        ackCount(ack, update(session(context), command.getQuery()));
      } catch (RuntimeException e) {
        ack.onError(FlightErrors.of(e));
      }
    };
  }

  /** Runs a statement to its end; returns the rows it wrote (CREATE TABLE AS) or 0. */
  private static long update(ClientSession s, String sql) {
    try (StatementResult r = s.locked(() -> s.session.execute(sql))) {
      return r.hasRows() ? 0 : r.updateCount();
    }
  }

  private void ackCount(StreamListener<PutResult> ack, long count) {
    byte[] bytes = FlightSql.DoPutUpdateResult.newBuilder().setRecordCount(count).build().toByteArray();
    try (ArrowBuf buf = allocator.buffer(bytes.length)) {
      buf.writeBytes(bytes);
      ack.onNext(PutResult.metadata(buf));
    }
    ack.onCompleted();
  }

  // ---- cancel and sessions ---------------------------------------------------------------------------

  @Override
  public void cancelFlightInfo(CancelFlightInfoRequest request, CallContext context,
      StreamListener<CancelStatus> listener) {
    try {
      ClientSession s = session(context);
      boolean any = false;
      for (FlightEndpoint e : request.getInfo().getEndpoints()) {
        String id = executionId(e.getTicket());
        StatementResult r = id == null ? null : s.pending.remove(id);
        if (r != null) {
          r.cancel();
          r.close();
          any = true;
        }
      }
      if (!any) {
        s.session.cancelRunning();
      }
      listener.onNext(CancelStatus.CANCELLED);
      listener.onCompleted();
    } catch (RuntimeException e) {
      listener.onError(FlightErrors.of(e));
    }
  }

  private static String executionId(Ticket t) {
    try {
      Any any = Any.parseFrom(t.getBytes());
      if (any.is(FlightSql.TicketStatementQuery.class)) {
        return any.unpack(FlightSql.TicketStatementQuery.class).getStatementHandle().toStringUtf8();
      }
    } catch (InvalidProtocolBufferException e) {
      return null;
    }
    return null;
  }

  @Override
  public void closeSession(CloseSessionRequest request, CallContext context,
      StreamListener<CloseSessionResult> listener) {
    sessions.close(context.peerIdentity());
    listener.onNext(new CloseSessionResult(CloseSessionResult.Status.CLOSED));
    listener.onCompleted();
  }

  /** Quiver's own action ({@link SessionNotices}), then Flight SQL's. */
  @Override
  public void doAction(CallContext context, Action action, StreamListener<Result> listener) {
    if (!SessionNotices.ACTION.equals(action.getType())) {
      super.doAction(context, action, listener);
      return;
    }
    try {
      for (String notice : session(context).session.drainNotices()) {
        listener.onNext(new Result(notice.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      }
      listener.onCompleted();
    } catch (RuntimeException e) {
      listener.onError(FlightErrors.of(e));
    }
  }

  // ---- metadata --------------------------------------------------------------------------------------

  @Override
  public void getStreamSqlInfo(FlightSql.CommandGetSqlInfo command, CallContext context, ServerStreamListener listener) {
    sqlInfo.send(command.getInfoList(), listener);
  }

  @Override
  public void getStreamTypeInfo(FlightSql.CommandGetXdbcTypeInfo request, CallContext context,
      ServerStreamListener listener) {
    CatalogMetadata.empty(Schemas.GET_TYPE_INFO_SCHEMA, allocator, listener);
  }

  @Override
  public void getStreamCatalogs(CallContext context, ServerStreamListener listener) {
    CatalogMetadata.catalogs(allocator, listener);
  }

  @Override
  public void getStreamSchemas(FlightSql.CommandGetDbSchemas command, CallContext context,
      ServerStreamListener listener) {
    CatalogMetadata.schemas(command, allocator, listener);
  }

  @Override
  public void getStreamTables(FlightSql.CommandGetTables command, CallContext context, ServerStreamListener listener) {
    ClientSession s;
    try {
      s = session(context);
    } catch (RuntimeException e) {
      listener.error(FlightErrors.of(e));
      return;
    }
    s.locked(() -> {
      CatalogMetadata.tables(command, s.session, allocator, listener);
      return null;
    });
  }

  @Override
  public void getStreamTableTypes(CallContext context, ServerStreamListener listener) {
    CatalogMetadata.tableTypes(allocator, listener);
  }

  @Override
  public void getStreamPrimaryKeys(FlightSql.CommandGetPrimaryKeys command, CallContext context,
      ServerStreamListener listener) {
    CatalogMetadata.empty(Schemas.GET_PRIMARY_KEYS_SCHEMA, allocator, listener);
  }

  @Override
  public void getStreamExportedKeys(FlightSql.CommandGetExportedKeys command, CallContext context,
      ServerStreamListener listener) {
    CatalogMetadata.empty(Schemas.GET_EXPORTED_KEYS_SCHEMA, allocator, listener);
  }

  @Override
  public void getStreamImportedKeys(FlightSql.CommandGetImportedKeys command, CallContext context,
      ServerStreamListener listener) {
    CatalogMetadata.empty(Schemas.GET_IMPORTED_KEYS_SCHEMA, allocator, listener);
  }

  @Override
  public void getStreamCrossReference(FlightSql.CommandGetCrossReference command, CallContext context,
      ServerStreamListener listener) {
    CatalogMetadata.empty(Schemas.GET_CROSS_REFERENCE_SCHEMA, allocator, listener);
  }

  @Override
  public void close() {}
}
