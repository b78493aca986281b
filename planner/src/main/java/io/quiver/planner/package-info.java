/**
 * The planner: optimizes Calcite's relational algebra with rules, converts it into the executor's
 * physical plan, applies physical rewrites (pushdowns, parallel gathers) and prints EXPLAIN.
 */
package io.quiver.planner;
