/**
 * The vectorized execution engine: physical plans, operators over Arrow batches, expression kernels and
 * sources. Knows nothing of Calcite; the planner hands it {@link io.quiver.executor.plan.PhysicalNode} trees.
 */
package io.quiver.executor;
