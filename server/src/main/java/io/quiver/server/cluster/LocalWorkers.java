package io.quiver.server.cluster;

import io.quiver.executor.QuiverException;
import io.quiver.executor.cluster.flight.ClusterSecret;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Worker processes on this machine, for {@code quiver server --workers N} and tests: each runs {@link
 * WorkerMain} with this JVM's java, class path and JVM flags (so {@code --add-opens} and the offline
 * switches carry over), the cluster secret in its environment, and {@code --parent-pid} so it exits with
 * this process even after a kill -9. Their output goes to {@code worker-<i>.log} in {@link #logDir()}.
 */
public final class LocalWorkers implements AutoCloseable {
  private final List<Process> processes;
  private final Path logDir;

  private LocalWorkers(List<Process> processes, Path logDir) {
    this.processes = processes;
    this.logDir = logDir;
  }

  /**
   * Starts {@code count} workers that register with the coordinator endpoint at {@code coordinator}.
   *
   * @param cpus CPUs each worker advertises
   * @param memory each worker's memory budget as text (e.g. "2g"), or null for the worker's default
   */
  public static LocalWorkers start(int count, String coordinator, ClusterSecret secret, double cpus, String memory,
      List<String> extraJvmFlags) throws IOException {
    Path logDir = Files.createTempDirectory("quiver-workers-");
    List<Process> processes = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmFlags());
        cmd.addAll(extraJvmFlags);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(WorkerMain.class.getName());
        cmd.addAll(List.of("--coordinator", coordinator, "--cpus", Double.toString(cpus),
            "--parent-pid", Long.toString(ProcessHandle.current().pid()),
            "--cache-dir", logDir.resolve("worker-" + i).toString()));
        if (memory != null) {
          cmd.addAll(List.of("--memory", memory));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
            .redirectOutput(logDir.resolve("worker-" + i + ".log").toFile());
        pb.environment().put(ClusterSecret.ENV, secret.value());
        processes.add(pb.start());
      }
    } catch (IOException | RuntimeException e) {
      processes.forEach(Process::destroyForcibly);
      throw e;
    }
    return new LocalWorkers(processes, logDir);
  }

  /**
   * This JVM's flags for a worker: all of them (--add-opens, -D switches, -Xmx) except debugger and
   * agent attachments, which would clash on their ports or files.
   */
  static List<String> jvmFlags() {
    List<String> out = new ArrayList<>();
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!a.startsWith("-agentlib") && !a.startsWith("-javaagent") && !a.startsWith("-Xrunjdwp")
          && !a.startsWith("-XX:+HeapDumpOnOutOfMemoryError")) {
        out.add(a);
      }
    }
    return out;
  }

  /** Waits until {@code membership} has {@link #size()} live workers; fails with the workers' logs if not. */
  public void awaitRegistered(ClusterMembership membership, Duration timeout) throws InterruptedException {
    if (!membership.awaitLive(processes.size(), timeout)) {
      StringBuilder why = new StringBuilder();
      for (int i = 0; i < processes.size(); i++) {
        Process p = processes.get(i);
        why.append(" worker-").append(i).append(p.isAlive() ? " is running" : " exited with " + p.exitValue())
            .append(", log: ").append(tail(logDir.resolve("worker-" + i + ".log"))).append(";");
      }
      throw new QuiverException("Only " + membership.live().size() + " of " + processes.size()
          + " local workers registered within " + timeout.toSeconds() + " s:" + why);
    }
  }

  private static String tail(Path log) {
    try {
      String s = Files.readString(log).strip();
      return s.length() > 600 ? "..." + s.substring(s.length() - 600) : s;
    } catch (IOException e) {
      return "(unreadable)";
    }
  }

  public int size() {
    return processes.size();
  }

  /** The worker processes, in start order (tests kill them). */
  public List<Process> processes() {
    return List.copyOf(processes);
  }

  public Path logDir() {
    return logDir;
  }

  /** Stops every worker (a polite terminate first, a kill after two seconds) and deletes their logs and jar caches. */
  @Override
  public void close() {
    processes.forEach(Process::destroy);
    for (Process p : processes) {
      try {
        if (!p.waitFor(2, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    try (var files = Files.walk(logDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // Only temporary files are left behind.
    }
  }
}
