/**
 * Sorting of row indices by ORDER BY keys: per-key comparators over heap copies of the key columns (no
 * boxing), a stable merge sort of an {@code int[]}, and a bounded heap for top-N.
 */
package io.quiver.executor.operator.sort;
