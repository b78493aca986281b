/** Logical optimization: sub-query removal, decorrelation and Calcite's rewrite rules. */
package io.quiver.planner.logical;
