#!/usr/bin/env bash
# Issue 5's shuffle benchmark: ORDER BY RANDOM() over the groupby data materialized into a table, Quiver vs
# DuckDB, then Quiver under a memory_limit smaller than the table. Arguments go to ShuffleBenchmark:
# --rows N  --data DIR  --runs R  --spill-limit SIZE
# Environment: MVN_FLAGS, SKIP_BUILD=1 (see bench-env.sh), JAVA_HEAP (default 4g).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-env.sh"

# shellcheck disable=SC2086
exec java $jvm_flags -Xmx"${JAVA_HEAP:-4g}" \
  -cp "benchmarks/target/classes:$(cat "$classpath_file")" \
  io.quiver.benchmarks.ShuffleBenchmark "$@"
