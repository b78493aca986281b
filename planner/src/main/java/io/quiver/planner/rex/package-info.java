/** Calcite row expressions (RexNode) to the executor's expressions. */
package io.quiver.planner.rex;
