/**
 * Aggregate functions as vectorized accumulators: per-group state in primitive arrays indexed by dense
 * group id, updated in one tight loop per input column and batch. Every accumulator can merge another's
 * state (partial, then final aggregation).
 */
package io.quiver.executor.operator.agg;
