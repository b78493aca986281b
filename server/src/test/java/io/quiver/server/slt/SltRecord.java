package io.quiver.server.slt;

import java.util.List;

/**
 * One record of a sqllogictest file: a statement expected to succeed or fail, or a query with its
 * column types (I integer, R real, T text, B boolean), sort mode and expected rows (tab-separated).
 */
record SltRecord(Kind kind, int line, String sql, String expectedError, String types, boolean rowsort,
    List<String> expected) {
  enum Kind { STATEMENT_OK, STATEMENT_ERROR, QUERY }
}
