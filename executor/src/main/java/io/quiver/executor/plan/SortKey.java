package io.quiver.executor.plan;

/** A column to sort by, with its direction and where NULLs go. */
public record SortKey(int column, boolean descending, boolean nullsFirst) {}
