/**
 * Cuts a physical plan into stages for the cluster: {@link io.quiver.planner.stages.StagePlanner} turns
 * the plan into a {@link io.quiver.planner.stages.StagePlan}, stages of parallel tasks joined by exchanges
 * (gather, hash, random, broadcast) and the coordinator's top fragment.
 */
package io.quiver.planner.stages;
