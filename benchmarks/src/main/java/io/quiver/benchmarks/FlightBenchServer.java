package io.quiver.benchmarks;

import io.quiver.server.QuiverEngine;
import io.quiver.server.flight.FlightServerConfig;
import io.quiver.server.flight.QuiverFlightServer;
import io.quiver.server.flight.auth.UserStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The server side of {@link FlightBenchmark}, in its own JVM so its heap is measured alone: a Quiver
 * Flight SQL server on 127.0.0.1 (user bench/bench). Prints {@code PORT n}; on stdin {@code begin} starts
 * sampling the heap and the engine's Arrow memory, {@code end} prints {@code PEAK heap=.. arrow=..},
 * {@code quit} stops.
 */
public final class FlightBenchServer {
  private FlightBenchServer() {}

  public static void main(String[] args) throws Exception {
    try (QuiverEngine engine = new QuiverEngine();
         HeapSampler heap = new HeapSampler()) {
      QuiverFlightServer server = QuiverFlightServer.start(engine,
          FlightServerConfig.local(0, UserStore.single("bench", "bench".toCharArray())));
      System.out.println("PORT " + server.port());
      System.out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null && !line.equals("quit")) {
        if (line.equals("begin")) {
          System.gc();
          heap.begin();
        } else if (line.equals("end")) {
          System.out.println("PEAK heap=" + heap.end() + " arrow=" + engine.peakMemory());
          System.out.flush();
        }
      }
      server.close();
    }
  }
}
