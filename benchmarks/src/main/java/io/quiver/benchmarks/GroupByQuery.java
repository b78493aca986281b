package io.quiver.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * One db-benchmark groupby question as SQL both engines accept.
 *
 * @param id the question's id, {@code q1} .. {@code q10}
 * @param question the question as db-benchmark words it
 * @param sqlTemplate the SQL, with {@code {x}} where the table goes
 * @param keyColumns how many leading result columns are the group key (used to match rows across engines)
 * @param substitute why this SQL differs from db-benchmark's, or null if it asks the same question
 */
public record GroupByQuery(String id, String question, String sqlTemplate, int keyColumns, String substitute) {

  /** The SQL over {@code table}, e.g. {@code read_parquet('/data/G1_1e7_1e2_0_0.parquet')}. */
  public String sql(String table) {
    return sqlTemplate.replace("{x}", table);
  }

  /** The ten questions, in order. The result alias for counts is {@code cnt}: COUNT is reserved in Calcite. */
  public static List<GroupByQuery> all() {
    return List.of(
        new GroupByQuery("q1", "sum v1 by id1",
            "SELECT id1, SUM(v1) AS v1 FROM {x} GROUP BY id1", 1, null),
        new GroupByQuery("q2", "sum v1 by id1:id2",
            "SELECT id1, id2, SUM(v1) AS v1 FROM {x} GROUP BY id1, id2", 2, null),
        new GroupByQuery("q3", "sum v1 mean v3 by id3",
            "SELECT id3, SUM(v1) AS v1, AVG(v3) AS v3 FROM {x} GROUP BY id3", 1, null),
        new GroupByQuery("q4", "mean v1:v3 by id4",
            "SELECT id4, AVG(v1) AS v1, AVG(v2) AS v2, AVG(v3) AS v3 FROM {x} GROUP BY id4", 1, null),
        new GroupByQuery("q5", "sum v1:v3 by id6",
            "SELECT id6, SUM(v1) AS v1, SUM(v2) AS v2, SUM(v3) AS v3 FROM {x} GROUP BY id6", 1, null),
        new GroupByQuery("q6", "median v3 sd v3 by id4 id5",
            "SELECT id4, id5, AVG(v3) AS avg_v3, STDDEV(v3) AS sd_v3 FROM {x} GROUP BY id4, id5", 2,
            "AVG(v3) instead of the median: Quiver has no MEDIAN/QUANTILE aggregate"),
        new GroupByQuery("q7", "max v1 - min v2 by id3",
            "SELECT id3, MAX(v1) - MIN(v2) AS range_v1_v2 FROM {x} GROUP BY id3", 1, null),
        new GroupByQuery("q8", "largest two v3 by id6",
            "SELECT id6, MAX(v3) AS largest_v3 FROM {x} GROUP BY id6", 1,
            "only the largest v3 (one row per group, not two): top-n per group needs window functions,"
                + " which Quiver lacks"),
        new GroupByQuery("q9", "regression v1 v2 by id2 id4",
            "SELECT id2, id4, POWER(CAST(COUNT(*) * SUM(v1 * v2) - SUM(v1) * SUM(v2) AS DOUBLE), 2)"
                + " / (CAST(COUNT(*) * SUM(v1 * v1) - SUM(v1) * SUM(v1) AS DOUBLE)"
                + " * CAST(COUNT(*) * SUM(v2 * v2) - SUM(v2) * SUM(v2) AS DOUBLE)) AS r2"
                + " FROM {x} GROUP BY id2, id4", 2,
            "r2 = corr(v1, v2)^2 computed from SUM/COUNT aggregates: Quiver has no CORR aggregate"),
        new GroupByQuery("q10", "sum v3 count by id1:id6",
            "SELECT id1, id2, id3, id4, id5, id6, SUM(v3) AS v3, COUNT(*) AS cnt FROM {x}"
                + " GROUP BY id1, id2, id3, id4, id5, id6", 6, null));
  }

  /** The questions named in {@code ids} (all if empty), in the order given. */
  public static List<GroupByQuery> select(List<String> ids) {
    if (ids.isEmpty()) {
      return all();
    }
    List<GroupByQuery> chosen = new ArrayList<>();
    for (String id : ids) {
      GroupByQuery match = all().stream().filter(q -> q.id().equals(id)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("unknown query '" + id + "'; known: q1..q10"));
      chosen.add(match);
    }
    return chosen;
  }
}
