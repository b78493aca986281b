package io.quiver.server.cluster;

import io.quiver.planner.stages.Stage;
import java.util.Set;

/**
 * One attempt of a task in a {@link StageRun}: where it runs, which producer attempts it reads, its rows
 * once done. {@link #rows} is guarded by the owning run's monitor; {@link #started} is volatile.
 */
final class Attempt {
  final Stage stage;
  final int task;
  final int attempt;
  final String worker;
  final String queryId;
  /** The {@link #key keys} of the producer attempts whose blocks this attempt reads. */
  final Set<String> reads;
  /** The worker said the attempt's blocks exist: consumers may be given them. */
  volatile boolean started;
  /** Rows written per output partition, once the attempt is done (null until then). */
  long[] rows;

  Attempt(Stage stage, int task, int attempt, String worker, String queryId, Set<String> reads) {
    this.stage = stage;
    this.task = task;
    this.attempt = attempt;
    this.worker = worker;
    this.queryId = queryId;
    this.reads = reads;
  }

  boolean done() {
    return rows != null;
  }

  String key() {
    return key(stage.id(), task, attempt);
  }

  static String key(int stage, int task, int attempt) {
    return stage + "/" + task + "/" + attempt;
  }
}
