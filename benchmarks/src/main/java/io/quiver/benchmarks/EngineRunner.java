package io.quiver.benchmarks;

/** One engine under test: runs a query to the end and counts its rows. */
interface EngineRunner extends AutoCloseable {
  /** The engine's name in the report. */
  String name();

  /**
   * Runs {@code sql}, reads every result row and returns how many there were; if {@code sample} is not
   * null, also offers every row to it (slower: only for the untimed warm-up run).
   */
  long run(String sql, ResultSample sample) throws Exception;

  @Override
  void close() throws Exception;
}
