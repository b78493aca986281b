package io.quiver.benchmarks.cluster;

import io.quiver.executor.BatchStream;
import io.quiver.executor.QuiverException;
import io.quiver.executor.cluster.BlockId;
import io.quiver.executor.cluster.WorkerInfo;
import io.quiver.executor.cluster.flight.BlockTransfer;
import io.quiver.executor.cluster.flight.ClusterSecret;
import io.quiver.executor.cluster.flight.RemoteWorkerClient;
import io.quiver.executor.cluster.flight.UdfJars;
import io.quiver.executor.cluster.flight.WorkerFlightServer;
import io.quiver.executor.cluster.flight.WorkerServices;
import io.quiver.executor.runtime.BlockStore;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;

/**
 * The cluster's data plane: how fast a block moves from one worker JVM to another over Flight {@code
 * DoGet} (a worker process serving a block from its {@link WorkerFlightServer}, this JVM fetching it with
 * the {@link RemoteWorkerClient} workers use for their peers), against an Arrow IPC serialize + read back
 * of the same batches inside one process. Prints both rates and their ratio. Target: >= 1 GB/s.
 *
 * <p>Options: {@code --mb N} (block size, default 1024), {@code --runs R} (default 5), {@code --warmups W}
 * (untimed fetches with each transfer first, default 8), {@code --transfers
 * 1x1,2x2} (the {@link BlockTransfer}s to compare, {@code stripes x connections}; default: the engine's
 * default). With several, each round fetches once with each, in turn, so they share the machine's load;
 * each fetch prints the CPU time both JVMs spent on it.
 */
public final class ClusterTransferBenchmark {
  private static final String READY = "TRANSFER_WORKER_READY ";

  private ClusterTransferBenchmark() {}

  public static void main(String[] args) throws Exception {
    long mb = 1024;
    int runs = 5;
    int warmups = 8;
    boolean serve = false;
    List<BlockTransfer> transfers = List.of(BlockTransfer.DEFAULT);
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--mb" -> mb = Long.parseLong(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--warmups" -> warmups = Integer.parseInt(args[++i]);
        case "--transfers" -> transfers = Arrays.stream(args[++i].split(",")).map(BlockTransfer::parse).toList();
        case "--serve" -> serve = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + " (--mb N, --runs R, --warmups W, --transfers 1x1,2x2)");
      }
    }
    if (serve) {
      serve(mb);
    } else {
      run(mb, runs, warmups, transfers);
    }
  }

  /** The serving worker: holds one generated block and serves it until standard input closes. */
  private static void serve(long mb) throws Exception {
    ClusterSecret secret = ClusterSecret.of(System.getenv(ClusterSecret.ENV));
    Path jars = Files.createTempDirectory("quiver-transfer-jars");
    try (RootAllocator root = new RootAllocator();
        BlockStore blocks = new BlockStore(root, Long.MAX_VALUE, jars.resolve("spill"))) {
      BufferAllocator store = blocks.allocator();
      blocks.put(block().ticket(), TransferData.SCHEMA, TransferData.generate(mb, store));
      WorkerServices services = new WorkerServices(t -> {
        throw new QuiverException("the transfer benchmark's worker runs no tasks");
      }, (id, a) -> blocks.open(id.ticket(), a), q -> {}, q -> {});
      try (WorkerFlightServer server = WorkerFlightServer.start("bench", "127.0.0.1", 0, secret, services, jars, root)) {
        System.out.println(READY + server.port());
        System.out.flush();
        while (System.in.read() >= 0) {
          // Runs until the benchmark closes our standard input (or dies).
        }
      }
      blocks.close();
      Files.deleteIfExists(jars);
    }
  }

  private static BlockId block() {
    return new BlockId("bench", 1, 0, 0, 0);
  }

  private static void run(long mb, int runs, int warmups, List<BlockTransfer> transfers) throws Exception {
    ClusterSecret secret = ClusterSecret.generate();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      // A JFR recording started on this JVM gets its own file in the worker (JDK 17 has no %p in filenames).
      cmd.add(a.startsWith("-XX:StartFlightRecording") ? a.replaceFirst("filename=([^,]+)", "filename=$1.server.jfr")
          : a);
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ClusterTransferBenchmark.class.getName(),
        "--serve", "--mb", Long.toString(mb)));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().put(ClusterSecret.ENV, secret.value());
    Process worker = pb.start();
    try (RootAllocator root = new RootAllocator()) {
      double ipc = ipcCopy(mb, runs, root);
      BufferedReader out = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null && !line.startsWith(READY)) {
        // skip the worker's other output
      }
      if (line == null) {
        throw new IllegalStateException("the serving worker exited before it was ready");
      }
      String address = "127.0.0.1:" + line.substring(READY.length()).trim();
      WorkerInfo info = new WorkerInfo("bench", address, 1, 0, 0, Map.of());
      List<RemoteWorkerClient> clients = new ArrayList<>();
      double[][] rates = new double[transfers.size()][runs];
      double[] raw = new double[runs];
      try (BufferAllocator clientAlloc = root.newChildAllocator("client", 0, Long.MAX_VALUE)) {
        for (BlockTransfer t : transfers) {
          clients.add(new RemoteWorkerClient(info, secret, clientAlloc, new UdfJars(), t));
        }
        // Warm-ups: the JIT keeps compiling Netty's and gRPC's paths over the first few fetches (each
        // fetch costs less CPU than the one before for about three).
        for (int r = -warmups; r < runs; r++) {
          for (int t = 0; t < transfers.size(); t++) {
            double gbs = fetch(clients.get(t), transfers.get(t), r, clientAlloc, worker.toHandle());
            if (r >= 0) {
              rates[t][r] = gbs;
            }
          }
          // The floor in the same round: the same bytes over a bare loopback TCP connection.
          long bytes = mb << 20;
          double secs = RawTcpCopy.seconds(bytes);
          System.out.printf("  raw loopback TCP run %d: %.0f MB, %.2f GB/s, %.2f s%s%n", r, bytes / 1e6,
              bytes / 1e9 / secs, secs, r < 0 ? " (warm-up)" : "");
          if (r >= 0) {
            raw[r] = bytes / 1e9 / secs;
          }
        }
      } finally {
        clients.forEach(RemoteWorkerClient::close);
      }
      System.out.printf("Arrow IPC copy in one JVM: %.2f GB/s (best of %d)%n", ipc, runs);
      double[] rawSorted = raw.clone();
      Arrays.sort(rawSorted);
      double rawBest = rawSorted[runs - 1];
      System.out.printf("raw loopback TCP, one connection (the floor of any transport between JVMs): best %.2f GB/s,"
          + " median %.2f%n", rawBest, rawSorted[runs / 2]);
      for (int t = 0; t < transfers.size(); t++) {
        double[] sorted = rates[t].clone();
        Arrays.sort(sorted);
        double best = sorted[runs - 1];
        System.out.printf("Flight DoGet between two JVMs, %s stripes x connections: best %.2f GB/s, median %.2f; "
            + "ratio Flight / IPC = %.2f, Flight / raw TCP = %.2f (medians %.2f) (target >= 1 GB/s between JVMs: %s)%n",
            transfers.get(t), best, sorted[runs / 2], best / ipc, best / rawBest, sorted[runs / 2] / rawSorted[runs / 2],
            best >= 1.0 ? "met" : "NOT met");
      }
    } finally {
      worker.getOutputStream().close();
      worker.waitFor();
    }
  }

  /**
   * GB/s of fetching the block over Flight once (runs below 0 are warm-ups), checking that the batches come in
   * the block's order; prints the CPU seconds both JVMs spent meanwhile.
   */
  private static double fetch(RemoteWorkerClient client, BlockTransfer transfer, int run, BufferAllocator allocator,
      ProcessHandle server) {
    long bytes = 0;
    long rows = 0;
    long cpuHere0 = cpuNanos(ProcessHandle.current());
    long cpuServer0 = cpuNanos(server);
    long t0 = System.nanoTime();
    try (BatchStream s = client.fetch(block(), allocator)) {
      VectorSchemaRoot b;
      while ((b = s.next()) != null) {
        try (VectorSchemaRoot batch = b) {
          if (((BigIntVector) batch.getVector(0)).get(0) != rows) {
            throw new IllegalStateException("batch out of order: starts at row " + ((BigIntVector) batch.getVector(0))
                .get(0) + ", expected " + rows);
          }
          bytes += TransferData.bytes(batch);
          rows += batch.getRowCount();
        }
      }
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    double gbs = bytes / 1e9 / secs;
    System.out.printf("  flight %s run %d: %,d rows, %.0f MB, %.2f GB/s, %.2f s (cpu: fetcher %.2f s, server %.2f s)%s%n",
        transfer, run, rows, bytes / 1e6, gbs, secs, (cpuNanos(ProcessHandle.current()) - cpuHere0) / 1e9,
        (cpuNanos(server) - cpuServer0) / 1e9, run < 0 ? " (warm-up)" : "");
    return gbs;
  }

  private static long cpuNanos(ProcessHandle p) {
    return p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
  }

  /** Best-of-runs GB/s of writing each batch as an Arrow IPC message and reading it back into vectors. */
  private static double ipcCopy(long mb, int runs, RootAllocator root) throws Exception {
    try (BufferAllocator a = root.newChildAllocator("ipc", 0, Long.MAX_VALUE)) {
      List<VectorSchemaRoot> batches = TransferData.generate(mb, a);
      double best = 0;
      try (VectorSchemaRoot into = VectorSchemaRoot.create(TransferData.SCHEMA, a)) {
        VectorLoader loader = new VectorLoader(into);
        ByteArrayOutputStream buf = new ByteArrayOutputStream(8 << 20);
        for (int r = 0; r <= runs; r++) {
          long bytes = 0;
          long t0 = System.nanoTime();
          for (VectorSchemaRoot b : batches) {
            buf.reset();
            try (ArrowRecordBatch rb = new VectorUnloader(b).getRecordBatch()) {
              MessageSerializer.serialize(new WriteChannel(Channels.newChannel(buf)), rb);
            }
            try (ReadChannel in = new ReadChannel(new ByteArrayReadableSeekableByteChannel(buf.toByteArray()));
                ArrowRecordBatch back = MessageSerializer.deserializeRecordBatch(in, a)) {
              loader.load(back);
            }
            bytes += TransferData.bytes(into);
          }
          double gbs = bytes / 1e9 / ((System.nanoTime() - t0) / 1e9);
          System.out.printf("  ipc run %d: %.0f MB, %.2f GB/s%s%n", r, bytes / 1e6, gbs, r == 0 ? " (warm-up)" : "");
          if (r > 0) {
            best = Math.max(best, gbs);
          }
        }
      } finally {
        batches.forEach(VectorSchemaRoot::close);
      }
      return best;
    }
  }
}
