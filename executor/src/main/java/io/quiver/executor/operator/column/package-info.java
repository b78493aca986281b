/**
 * Heap views of Arrow columns for the hash and sort operators: a batch column is copied once into
 * primitive arrays ({@code long[]}, {@code double[]}, a byte arena with offsets) so that the per-row loops
 * of hashing, comparing and accumulating run over plain arrays without virtual calls or boxing, and
 * results are written back through typed writers.
 */
package io.quiver.executor.operator.column;
