package io.quiver.executor.operator.agg;

/** Which value a picking aggregate keeps per group: the smallest, the largest, or the first non-NULL. */
enum PickMode {
  MIN, MAX, FIRST;

  /** Whether a new value comparing {@code cmp} against the kept one replaces it. */
  boolean replaces(int cmp) {
    return this == MIN ? cmp < 0 : this == MAX && cmp > 0;
  }
}
