/**
 * Plans and tasks as bytes, for sending them to worker processes: {@link
 * io.quiver.executor.plan.codec.PlanCodec} encodes a whole {@link io.quiver.executor.plan.PhysicalNode}
 * tree (expressions, schemas with extension types, UDF specs, scan arguments) and {@link
 * io.quiver.executor.plan.codec.TaskCodec} the cluster messages around it (TaskSpec, TaskResult,
 * WorkerInfo). The format is a compact hand-written binary one (tags and lengths over a DataOutput);
 * schemas and types travel as Arrow IPC schema messages, so extension types keep their metadata.
 */
package io.quiver.executor.plan.codec;
