package io.quiver.server.flight;

import io.quiver.server.Session;
import io.quiver.sql.types.TypeMapping;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.flight.sql.FlightSqlColumnMetadata;
import org.apache.arrow.flight.sql.FlightSqlProducer.Schemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetDbSchemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The metadata tools ask for (DBeaver's browse tree, {@code DatabaseMetaData}): one catalog
 * {@value #CATALOG} with one schema {@value #SCHEMA} holding the session's tables (materialized by
 * CREATE TABLE AS) and views; columns carry their Quiver type name (tensors are fixed-size lists, which
 * JDBC sees as arrays). Quiver has no keys, so key questions get empty answers.
 */
final class CatalogMetadata {
  static final String CATALOG = "quiver";
  static final String SCHEMA = "main";
  static final List<String> TABLE_TYPES = List.of("TABLE", "VIEW");

  private CatalogMetadata() {}

  static void catalogs(BufferAllocator a, ServerStreamListener l) {
    send(Schemas.GET_CATALOGS_SCHEMA, a, l, root -> {
      text(root, "catalog_name", 0, CATALOG);
      root.setRowCount(1);
    });
  }

  static void schemas(CommandGetDbSchemas cmd, BufferAllocator a, ServerStreamListener l) {
    boolean match = (!cmd.hasCatalog() || cmd.getCatalog().equals(CATALOG))
        && (!cmd.hasDbSchemaFilterPattern() || like(cmd.getDbSchemaFilterPattern(), SCHEMA));
    send(Schemas.GET_SCHEMAS_SCHEMA, a, l, root -> {
      if (match) {
        text(root, "catalog_name", 0, CATALOG);
        text(root, "db_schema_name", 0, SCHEMA);
      }
      root.setRowCount(match ? 1 : 0);
    });
  }

  static void tableTypes(BufferAllocator a, ServerStreamListener l) {
    send(Schemas.GET_TABLE_TYPES_SCHEMA, a, l, root -> {
      for (int i = 0; i < TABLE_TYPES.size(); i++) {
        text(root, "table_type", i, TABLE_TYPES.get(i));
      }
      root.setRowCount(TABLE_TYPES.size());
    });
  }

  static void tables(CommandGetTables cmd, Session session, BufferAllocator a, ServerStreamListener l) {
    List<String[]> rows = new ArrayList<>();
    boolean inSchema = (!cmd.hasCatalog() || cmd.getCatalog().equals(CATALOG))
        && (!cmd.hasDbSchemaFilterPattern() || like(cmd.getDbSchemaFilterPattern(), SCHEMA));
    if (inSchema) {
      for (String[] t : session.listTables()) {
        String type = t[1].equals("view") ? "VIEW" : "TABLE";
        if ((!cmd.hasTableNameFilterPattern() || like(cmd.getTableNameFilterPattern(), t[0]))
            && (cmd.getTableTypesCount() == 0 || cmd.getTableTypesList().stream().anyMatch(type::equalsIgnoreCase))) {
          rows.add(new String[] {t[0], type});
        }
      }
    }
    boolean withSchema = cmd.getIncludeSchema();
    send(withSchema ? Schemas.GET_TABLES_SCHEMA : Schemas.GET_TABLES_SCHEMA_NO_SCHEMA, a, l, root -> {
      for (int i = 0; i < rows.size(); i++) {
        text(root, "catalog_name", i, CATALOG);
        text(root, "db_schema_name", i, SCHEMA);
        text(root, "table_name", i, rows.get(i)[0]);
        text(root, "table_type", i, rows.get(i)[1]);
        if (withSchema) {
          Schema s = withColumnMetadata(session.tableSchema(rows.get(i)[0]), rows.get(i)[0]);
          ((VarBinaryVector) root.getVector("table_schema")).setSafe(i, ipc(s));
        }
      }
      root.setRowCount(rows.size());
    });
  }

  /** An empty answer of the given shape (primary, imported and exported keys, cross references, types). */
  static void empty(Schema schema, BufferAllocator a, ServerStreamListener l) {
    send(schema, a, l, root -> root.setRowCount(0));
  }

  /** The schema with each column's Quiver type name (e.g. TENSOR&lt;UINT8&gt;[28,28]) as Flight SQL column metadata. */
  static Schema withColumnMetadata(Schema schema, String table) {
    List<Field> fields = new ArrayList<>();
    for (Field f : schema.getFields()) {
      FlightSqlColumnMetadata md = new FlightSqlColumnMetadata.Builder()
          .catalogName(CATALOG).schemaName(SCHEMA).tableName(table == null ? "" : table)
          .typeName(TypeMapping.displayName(f)).isAutoIncrement(false).isCaseSensitive(false)
          .isReadOnly(true).isSearchable(true).build();
      FieldType t = new FieldType(f.isNullable(), f.getType(), f.getDictionary(), md.getMetadataMap());
      fields.add(new Field(f.getName(), t, f.getChildren()));
    }
    return new Schema(fields, schema.getCustomMetadata());
  }

  /** A schema as an IPC message, as Flight SQL carries it in metadata and prepared statements. */
  static byte[] ipc(Schema schema) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      MessageSerializer.serialize(new WriteChannel(Channels.newChannel(out)), schema);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SQL LIKE with % and _ (no escapes), case-insensitive as Quiver's names are. */
  static boolean like(String pattern, String value) {
    StringBuilder re = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      re.append(c == '%' ? ".*" : c == '_' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL)
        .matcher(value.toLowerCase(Locale.ROOT)).matches();
  }

  private static void text(VectorSchemaRoot root, String column, int row, String value) {
    ((VarCharVector) root.getVector(column)).setSafe(row, value.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(Schema schema, BufferAllocator a, ServerStreamListener l, Consumer<VectorSchemaRoot> fill) {
    try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, a)) {
      root.allocateNew();
      fill.accept(root);
      l.start(root);
      l.putNext();
      l.completed();
    } catch (RuntimeException e) {
      l.error(FlightErrors.of(e));
    }
  }
}
