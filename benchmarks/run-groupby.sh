#!/usr/bin/env bash
# Runs the db-benchmark groupby comparison of Quiver and DuckDB. Arguments go to GroupByBenchmark: --rows N  --data DIR  --queries q1,q3  --runs R
# Environment: MVN_FLAGS, SKIP_BUILD=1 (see bench-env.sh), JAVA_HEAP (default 4g).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-env.sh"

# shellcheck disable=SC2086
exec java $jvm_flags -Xmx"${JAVA_HEAP:-4g}" \
  -cp "benchmarks/target/classes:$(cat "$classpath_file")" \
  io.quiver.benchmarks.GroupByBenchmark "$@"
