package io.quiver.executor.plan.codec;

import io.quiver.executor.cluster.BlockId;
import io.quiver.executor.cluster.BlockLocation;
import io.quiver.executor.cluster.Partitioning;
import io.quiver.executor.cluster.TaskResult;
import io.quiver.executor.cluster.TaskSpec;
import io.quiver.executor.cluster.WorkerInfo;
import io.quiver.executor.plan.PhysicalNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The cluster's messages as bytes: {@link TaskSpec} (with its plan fragment, through {@link PlanCodec}),
 * {@link TaskResult} and {@link WorkerInfo}.
 */
public final class TaskCodec {
  private TaskCodec() {}

  public static byte[] encode(TaskSpec t) {
    return encode(t, UnaryOperator.identity());
  }

  /** The task as bytes, every UDF jar path written as {@code jarName.apply(path)} (e.g. its content hash). */
  public static byte[] encode(TaskSpec t, UnaryOperator<String> jarName) {
    CodecOutput out = new CodecOutput(jarName);
    out.writeInt(PlanCodec.VERSION);
    out.writeString(t.queryId());
    out.writeInt(t.stage());
    out.writeInt(t.task());
    out.writeInt(t.taskCount());
    out.writeInt(t.attempt());
    PlanCodec.writeNode(out, t.fragment());
    writePartitioning(out, t.output());
    out.writeInt(t.inputs().size());
    t.inputs().forEach((stage, blocks) -> {
      out.writeInt(stage);
      out.writeInt(blocks.size());
      blocks.forEach(b -> writeLocation(out, b));
    });
    out.writeStringMap(t.settings());
    return out.toByteArray();
  }

  public static TaskSpec decodeTask(byte[] bytes) {
    return decodeTask(bytes, UnaryOperator.identity());
  }

  /** As {@link #decodeTask(byte[])}, mapping UDF jar paths as {@link PlanCodec#decode(byte[], UnaryOperator)}. */
  public static TaskSpec decodeTask(byte[] bytes, UnaryOperator<String> jarPath) {
    CodecInput in = new CodecInput(bytes, jarPath);
    PlanCodec.checkVersion(in.readInt(), "task");
    String queryId = in.readString();
    int stage = in.readInt();
    int task = in.readInt();
    int taskCount = in.readInt();
    int attempt = in.readInt();
    PhysicalNode fragment = PlanCodec.readNode(in);
    Partitioning output = readPartitioning(in);
    int n = in.readInt();
    Map<Integer, List<BlockLocation>> inputs = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      int s = in.readInt();
      int m = in.readInt();
      List<BlockLocation> blocks = new ArrayList<>(m);
      for (int j = 0; j < m; j++) {
        blocks.add(readLocation(in));
      }
      inputs.put(s, List.copyOf(blocks));
    }
    return new TaskSpec(queryId, stage, task, taskCount, attempt, fragment, output, inputs, in.readStringMap());
  }

  public static byte[] encode(TaskResult r) {
    CodecOutput out = new CodecOutput();
    out.writeInt(PlanCodec.VERSION);
    out.writeLongs(r.rowsPerPartition());
    out.writeLongs(r.bytesPerPartition());
    out.writeString(r.metrics());
    return out.toByteArray();
  }

  public static TaskResult decodeResult(byte[] bytes) {
    CodecInput in = new CodecInput(bytes);
    PlanCodec.checkVersion(in.readInt(), "task result");
    return new TaskResult(in.readLongs(), in.readLongs(), in.readString());
  }

  public static byte[] encode(WorkerInfo w) {
    CodecOutput out = new CodecOutput();
    out.writeInt(PlanCodec.VERSION);
    out.writeString(w.id());
    out.writeString(w.address());
    out.writeDouble(w.cpus());
    out.writeDouble(w.gpus());
    out.writeLong(w.memoryBytes());
    out.writeDoubleMap(w.resources());
    return out.toByteArray();
  }

  public static WorkerInfo decodeWorker(byte[] bytes) {
    CodecInput in = new CodecInput(bytes);
    PlanCodec.checkVersion(in.readInt(), "worker description");
    return new WorkerInfo(in.readString(), in.readString(), in.readDouble(), in.readDouble(), in.readLong(),
        in.readDoubleMap());
  }

  /** A list of workers (the coordinator's answer to a heartbeat: who is alive, where). */
  public static byte[] encodeWorkers(List<WorkerInfo> workers) {
    CodecOutput out = new CodecOutput();
    out.writeInt(PlanCodec.VERSION);
    out.writeInt(workers.size());
    workers.forEach(w -> out.writeBytes(encode(w)));
    return out.toByteArray();
  }

  public static List<WorkerInfo> decodeWorkers(byte[] bytes) {
    CodecInput in = new CodecInput(bytes);
    PlanCodec.checkVersion(in.readInt(), "worker list");
    int n = in.readInt();
    List<WorkerInfo> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(decodeWorker(in.readBytes()));
    }
    return out;
  }

  private static void writePartitioning(CodecOutput out, Partitioning p) {
    out.writeByte(p.kind().ordinal());
    out.writeInts(p.keys());
    out.writeInt(p.count());
    out.writeLong(p.seed());
  }

  private static Partitioning readPartitioning(CodecInput in) {
    return new Partitioning(Partitioning.Kind.values()[in.readByte()], in.readInts(), in.readInt(), in.readLong());
  }

  private static void writeLocation(CodecOutput out, BlockLocation b) {
    out.writeString(b.workerId());
    out.writeString(b.block().ticket());
  }

  private static BlockLocation readLocation(CodecInput in) {
    return new BlockLocation(in.readString(), BlockId.parse(in.readString()));
  }
}
