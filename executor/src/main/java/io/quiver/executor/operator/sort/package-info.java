/**
 * Sorting of row indices by ORDER BY keys: per-key comparators over heap copies of the key columns (no
 * boxing), a stable merge sort of an {@code int[]} (a stable radix sort for many rows under one exact
 * key), a bounded heap for top-N, the external sort's spilled runs and their merge, and the output
 * gather spread over the query's threads.
 */
package io.quiver.executor.operator.sort;
