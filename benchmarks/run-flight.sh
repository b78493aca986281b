#!/usr/bin/env bash
# Runs the JDBC-through-Flight-SQL fetch benchmark (Flight SQL JDBC vs raw Flight DoGet vs DuckDB JDBC). Arguments go to FlightBenchmark: --rows N --runs R --data DIR
# Environment: MVN_FLAGS, SKIP_BUILD=1 (see bench-env.sh), JAVA_HEAP (default 4g).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-env.sh"

# shellcheck disable=SC2086
exec java $jvm_flags -Xmx"${JAVA_HEAP:-4g}" \
  -cp "benchmarks/target/classes:$(cat "$classpath_file")" \
  io.quiver.benchmarks.FlightBenchmark "$@"
