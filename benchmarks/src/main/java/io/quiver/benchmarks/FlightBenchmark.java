package io.quiver.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Fetches a 10-million-row, 4-column result ({@code SELECT * FROM read_parquet(file)}: BIGINT, BIGINT,
 * DOUBLE, VARCHAR) from a Quiver server in another JVM, three ways in one run: through the official
 * Flight SQL JDBC driver (every value read with its getter), as a plain Flight DoGet of the same Arrow
 * batches (the protocol's floor: batches counted, values not touched), and through DuckDB's JDBC reading
 * the same Parquet file in-process (every value read). Prints rows/s and MB/s (of the Arrow data) for
 * each, and the server's peak heap and Arrow memory while it streamed.
 *
 * <p>Options: {@code --rows N} (default 1e7), {@code --runs R} (default 3; the best run is reported),
 * {@code --data DIR}. Run it with {@code benchmarks/run-flight.sh}.
 */
public final class FlightBenchmark {
  private FlightBenchmark() {}

  private record Outcome(long rows, long bytes, double seconds) {}

  public static void main(String[] args) throws Exception {
    long rows = 10_000_000;
    int runs = 3;
    Path data = Path.of("benchmarks/data");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> rows = (long) Double.parseDouble(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--data" -> data = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
      }
    }
    Files.createDirectories(data);
    Path file = data.resolve("flight_" + rows + ".parquet").toAbsolutePath();
    String sql = "SELECT * FROM read_parquet('" + file + "')";
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      try (Statement st = duck.createStatement()) {
        st.execute("SET threads = 2");
        if (!Files.exists(file)) {
          st.execute("COPY (SELECT i AS id, i % 1000 AS k, i * 0.5 AS x, 'row-' || (i % 100000) AS s FROM range("
              + rows + ") t(i)) TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE 1000000)");
        }
      }
      Process server = startServer();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
           PrintWriter in = new PrintWriter(server.getOutputStream(), true, StandardCharsets.UTF_8)) {
        int port = Integer.parseInt(readLine(out, "PORT ").substring(5).trim());
        System.out.printf("Fetching %,d rows x 4 columns (BIGINT, BIGINT, DOUBLE, VARCHAR) of %s, best of %d runs%n",
            rows, file.getFileName(), runs);
        Outcome doGet = null;
        Outcome jdbc = null;
        Outcome duckdb = null;
        String serverPeak = "";
        for (int r = 0; r < runs; r++) {
          doGet = best(doGet, doGet(port, sql));
          in.println("begin");
          jdbc = best(jdbc, flightJdbc(port, sql));
          in.println("end");
          serverPeak = readLine(out, "PEAK ");
          duckdb = best(duckdb, duckJdbc(duck, sql));
        }
        long bytes = doGet.bytes();
        print("Flight DoGet (raw Arrow batches)", doGet, bytes);
        print("Quiver via Flight SQL JDBC", jdbc, bytes);
        print("DuckDB JDBC (in-process)", duckdb, bytes);
        System.out.printf("JDBC / DoGet = %.2f (target >= 0.5)%n", doGet.seconds() / jdbc.seconds());
        String[] peak = serverPeak.split("[ =]");
        System.out.printf("server while streaming through JDBC: peak heap %d MB (-Xmx%s), peak Arrow memory %d MB%n",
            Long.parseLong(peak[2]) >> 20, SERVER_HEAP, Long.parseLong(peak[4]) >> 20);
        in.println("quit");
      } finally {
        server.waitFor();
      }
    }
  }

  private static final String SERVER_HEAP = System.getProperty("quiver.benchServerHeap", "1g");

  private static Process startServer() throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!a.startsWith("-Xmx")) {
        cmd.add(a);
      }
    }
    cmd.add("-Xmx" + SERVER_HEAP);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(FlightBenchServer.class.getName());
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  private static String readLine(BufferedReader r, String prefix) throws Exception {
    String line;
    while ((line = r.readLine()) != null) {
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    throw new IllegalStateException("The benchmark server stopped before printing " + prefix);
  }

  private static Outcome best(Outcome a, Outcome b) {
    return a == null || b.seconds() < a.seconds() ? b : a;
  }

  private static void print(String what, Outcome o, long bytes) {
    System.out.printf("%-36s %6.2f s  %,12.0f rows/s  %8.1f MB/s%n", what, o.seconds(), o.rows() / o.seconds(),
        bytes / 1e6 / o.seconds());
  }

  private static Outcome doGet(int port, String sql) throws Exception {
    try (BufferAllocator a = new RootAllocator();
         FlightClient flight = FlightClient.builder(a, Location.forGrpcInsecure("127.0.0.1", port)).build()) {
      CredentialCallOption token = flight.authenticateBasicToken("bench", "bench").orElseThrow();
      FlightSqlClient client = new FlightSqlClient(flight);
      long start = System.nanoTime();
      FlightInfo info = client.execute(sql, token);
      long rows = 0;
      long bytes = 0;
      try (FlightStream s = client.getStream(info.getEndpoints().get(0).getTicket(), token)) {
        while (s.next()) {
          VectorSchemaRoot root = s.getRoot();
          rows += root.getRowCount();
          for (FieldVector v : root.getFieldVectors()) {
            bytes += v.getBufferSize();
          }
        }
      }
      return new Outcome(rows, bytes, (System.nanoTime() - start) / 1e9);
    }
  }

  private static Outcome flightJdbc(int port, String sql) throws Exception {
    Properties p = new Properties();
    p.setProperty("user", "bench");
    p.setProperty("password", "bench");
    try (Connection c = DriverManager.getConnection("jdbc:arrow-flight-sql://127.0.0.1:" + port + "?useEncryption=false", p)) {
      return readAll(c, sql);
    }
  }

  private static Outcome duckJdbc(Connection duck, String sql) throws Exception {
    return readAll(duck, sql);
  }

  private static Outcome readAll(Connection c, String sql) throws Exception {
    long start = System.nanoTime();
    long rows = 0;
    long check = 0;
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        check += rs.getLong(1) + rs.getLong(2) + (long) rs.getDouble(3) + rs.getString(4).length();
        rows++;
      }
    }
    if (check == 42) {
      System.out.print("");
    }
    return new Outcome(rows, 0, (System.nanoTime() - start) / 1e9);
  }
}
