package io.quiver.server.slt;

import java.util.List;

/**
 * One record of a sqllogictest file: a statement expected to succeed or fail, or a query with its
 * column types (I integer, R real, T text, B boolean), sort mode and expected rows (tab-separated).
 * {@code skipif MODE} / {@code onlyif MODE} lines above a record (sqllogictest's conditions) name the
 * execution modes ("embedded", "scheduled") it is skipped in or limited to.
 */
record SltRecord(Kind kind, int line, String sql, String expectedError, String types, boolean rowsort,
    List<String> expected, List<String> skipIf, List<String> onlyIf) {
  SltRecord(Kind kind, int line, String sql, String expectedError, String types, boolean rowsort,
      List<String> expected) {
    this(kind, line, sql, expectedError, types, rowsort, expected, List.of(), List.of());
  }

  /** This record with the {@code skipif}/{@code onlyif} conditions written above it. */
  SltRecord when(List<String> skip, List<String> only) {
    return new SltRecord(kind, line, sql, expectedError, types, rowsort, expected, List.copyOf(skip), List.copyOf(only));
  }

  /** Whether the record runs in {@code mode} (e.g. "embedded" or "scheduled"). */
  boolean runsIn(String mode) {
    return !skipIf.contains(mode) && (onlyIf.isEmpty() || onlyIf.contains(mode));
  }

  enum Kind { STATEMENT_OK, STATEMENT_ERROR, QUERY }
}
