package io.quiver.shell;

import io.quiver.server.StatementResult;
import java.io.ByteArrayInputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Completion names from a Quiver server through Flight SQL's metadata calls, as any JDBC tool gets
 * them: tables with their schemas from {@code GetTables}, a table function call's columns from the
 * result schema of a prepared {@code SELECT *}, user functions from {@code SHOW FUNCTIONS}.
 */
final class RemoteCompletions implements CompletionData {
  private static final List<String> TABLE_FUNCTIONS =
      List.of("range", "read_binary_files", "read_csv", "read_images", "read_json", "read_parquet");

  private final FlightSqlClient client;
  private final CredentialCallOption token;
  private final StatementRunner runner;
  private final SchemaCache schemas = new SchemaCache();

  RemoteCompletions(FlightSqlClient client, CredentialCallOption token, StatementRunner runner) {
    this.client = client;
    this.token = token;
    this.runner = runner;
  }

  @Override
  public List<String> tables() {
    List<String> names = new ArrayList<>();
    try {
      FlightInfo info = client.getTables(null, null, null, null, false, token);
      try (FlightStream s = client.getStream(info.getEndpoints().get(0).getTicket(), token)) {
        while (s.next()) {
          VarCharVector v = (VarCharVector) s.getRoot().getVector("table_name");
          for (int i = 0; i < s.getRoot().getRowCount(); i++) {
            names.add(v.getObject(i).toString());
          }
        }
      }
    } catch (Exception e) {
      return names;
    }
    return names;
  }

  @Override
  public List<String> columns(String fromItem) {
    return schemas.columns(fromItem, () -> fromItem.contains("(") ? callColumns(fromItem) : tableColumns(fromItem));
  }

  private List<String> tableColumns(String table) {
    try {
      FlightInfo info = client.getTables(null, null, table, null, true, token);
      try (FlightStream s = client.getStream(info.getEndpoints().get(0).getTicket(), token)) {
        while (s.next()) {
          VectorSchemaRoot root = s.getRoot();
          VarCharVector names = (VarCharVector) root.getVector("table_name");
          VarBinaryVector schemas = (VarBinaryVector) root.getVector("table_schema");
          for (int i = 0; i < root.getRowCount(); i++) {
            if (names.getObject(i).toString().equalsIgnoreCase(table)) {
              return names(MessageSerializer.deserializeSchema(
                  new ReadChannel(Channels.newChannel(new ByteArrayInputStream(schemas.get(i))))));
            }
          }
        }
      }
    } catch (Exception e) {
      return List.of();
    }
    return List.of();
  }

  private List<String> callColumns(String call) {
    FlightSqlClient.PreparedStatement p = client.prepare("SELECT * FROM " + call, token);
    try {
      return names(p.getResultSetSchema());
    } finally {
      p.close(token); // close() without the token is refused by a server that wants a login
    }
  }

  private static List<String> names(Schema s) {
    return s.getFields().stream().map(Field::getName).toList();
  }

  @Override
  public List<String> functions() {
    TreeSet<String> names = new TreeSet<>(SqlWords.COMMON_FUNCTIONS);
    try (StatementResult r = runner.execute("SHOW FUNCTIONS")) {
      VectorSchemaRoot b;
      while (r.hasRows() && (b = r.stream().next()) != null) {
        try (VectorSchemaRoot batch = b) {
          VarCharVector v = (VarCharVector) batch.getVector(0);
          for (int i = 0; i < batch.getRowCount(); i++) {
            names.add(v.getObject(i).toString().toLowerCase(Locale.ROOT));
          }
        }
      }
    } catch (RuntimeException e) {
      // the built-in names are still worth offering
    }
    return List.copyOf(names);
  }

  @Override
  public List<String> tableFunctions() {
    return TABLE_FUNCTIONS;
  }

}
