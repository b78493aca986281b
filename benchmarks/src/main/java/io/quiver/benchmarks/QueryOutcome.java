package io.quiver.benchmarks;

/**
 * Both engines' results for one query, and whether they agree.
 *
 * @param check {@code ok}, {@code ROWS} (row counts differ), {@code VALUES} (sampled values differ), or
 *     {@code -} when one engine did not run the query
 * @param checkDetail what differed, or null
 */
record QueryOutcome(GroupByQuery query, EngineTimings duck, EngineTimings quiver, String check,
    String checkDetail) {

  /** Compares the two engines' row counts and samples. */
  static QueryOutcome of(GroupByQuery query, EngineTimings duck, EngineTimings quiver) {
    if (!duck.ok() || !quiver.ok()) {
      return new QueryOutcome(query, duck, quiver, "-", null);
    }
    String unstable = duck.rowsNote() != null ? duck.rowsNote() : quiver.rowsNote();
    if (unstable != null) {
      return new QueryOutcome(query, duck, quiver, "ROWS", unstable);
    }
    if (duck.rows() != quiver.rows()) {
      return new QueryOutcome(query, duck, quiver, "ROWS",
          "DuckDB returned " + duck.rows() + " rows, Quiver " + quiver.rows());
    }
    String diff = duck.sample().differences(quiver.sample(), "DuckDB", "Quiver");
    return diff == null
        ? new QueryOutcome(query, duck, quiver, "ok", null)
        : new QueryOutcome(query, duck, quiver, "VALUES", diff);
  }

  /** Quiver's median over DuckDB's, or NaN unless both ran. */
  double ratio() {
    return duck.ok() && quiver.ok() ? quiver.medianMillis() / duck.medianMillis() : Double.NaN;
  }
}
