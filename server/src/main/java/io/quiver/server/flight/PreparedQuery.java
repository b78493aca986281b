package io.quiver.server.flight;

import io.quiver.server.Session;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A prepared statement: its text, where its {@code ?} parameters are and their types, the columns it
 * returns (null for statements without rows, which JDBC runs with {@code executeUpdate}), and the
 * parameter rows last bound (as SQL literals).
 */
final class PreparedQuery {
  final String sql;
  final List<Integer> placeholders;
  final Schema parameterSchema;
  final Schema resultSchema;
  private volatile List<String[]> bound = List.of();

  private PreparedQuery(String sql, List<Integer> placeholders, Schema parameterSchema, Schema resultSchema) {
    this.sql = sql;
    this.placeholders = placeholders;
    this.parameterSchema = parameterSchema;
    this.resultSchema = resultSchema;
  }

  /**
   * Checks the statement and works out its parameter types (VARCHAR where the context does not say) and
   * its result columns, planning it with typed NULLs in place of the parameters. Runs nothing.
   */
  static PreparedQuery prepare(Session session, String sql) {
    List<Integer> at = Placeholders.find(sql);
    List<Field> params = new ArrayList<>();
    String probe = sql;
    if (!at.isEmpty()) {
      List<Field> inferred = session.parameterFields(sql, at.size());
      String[] nulls = new String[at.size()];
      for (int i = 0; i < at.size(); i++) {
        Field f = inferred == null ? null : inferred.get(i);
        if (f == null) {
          f = Field.nullable("p" + (i + 1), ArrowType.Utf8.INSTANCE);
        } else {
          f = Field.nullable("p" + (i + 1), f.getType());
        }
        params.add(f);
        nulls[i] = ParameterLiterals.typedNull(f);
      }
      probe = Placeholders.substitute(sql, at, nulls);
    }
    return new PreparedQuery(sql, at, new Schema(params), session.resultSchema(probe));
  }

  boolean hasRows() {
    return resultSchema != null;
  }

  /** Reads the parameter rows a client sends (DoPut) and keeps them as literals. */
  void bind(FlightStream stream) {
    List<String[]> rows = new ArrayList<>();
    while (stream.next()) {
      VectorSchemaRoot root = stream.getRoot();
      for (int r = 0; r < root.getRowCount(); r++) {
        String[] lits = new String[root.getFieldVectors().size()];
        for (int c = 0; c < lits.length; c++) {
          lits[c] = ParameterLiterals.literal(root.getVector(c), r);
        }
        rows.add(lits);
      }
    }
    if (!rows.isEmpty() || placeholders.isEmpty()) {
      bound = rows;
    }
  }

  /** The statements to run: one per bound parameter row (the first only for queries). */
  List<String> statements() {
    if (placeholders.isEmpty()) {
      return List.of(sql);
    }
    if (bound.isEmpty()) {
      throw new IllegalArgumentException("The statement has " + placeholders.size() + " parameter"
          + (placeholders.size() == 1 ? "" : "s") + " (?) but no values were bound.");
    }
    List<String> out = new ArrayList<>();
    for (String[] row : bound) {
      out.add(Placeholders.substitute(sql, placeholders, row));
    }
    return out;
  }
}
