/** RelNode → physical plan, and rewrites of the physical plan (pushdowns into scans, parallel gathers). */
package io.quiver.planner.physical;
