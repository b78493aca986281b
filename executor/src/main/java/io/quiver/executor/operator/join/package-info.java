/**
 * The hash join's parts: the build side ({@link io.quiver.executor.operator.join.JoinTable}: rows, key
 * table, per-key chains of rows) and, when the build side outgrows its memory budget, the grace hash
 * join that partitions both sides by key hash into spill files and joins them partition by partition
 * ({@link io.quiver.executor.operator.join.GraceHashJoin}).
 */
package io.quiver.executor.operator.join;
