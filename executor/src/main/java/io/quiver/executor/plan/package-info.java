/**
 * The physical plan: a small tree of immutable nodes that the planner builds and the executor runs.
 * Every node knows its output schema. Column references are positions in the input's schema.
 */
package io.quiver.executor.plan;
