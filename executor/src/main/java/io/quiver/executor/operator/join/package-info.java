/** The build side of the hash join: the build rows, their key table and per-key chains of rows. */
package io.quiver.executor.operator.join;
