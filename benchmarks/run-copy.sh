#!/usr/bin/env bash
# COPY of the 1e7-row groupby data to Parquet with ZSTD in Quiver and in DuckDB, in one run; prints both
# times and the ratio Quiver/DuckDB. Arguments go to CopyBenchmark: --rows N  --data DIR  --runs R
# Environment: MVN_FLAGS, SKIP_BUILD=1 (see bench-env.sh), JAVA_HEAP (default 4g).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-env.sh"

# shellcheck disable=SC2086
exec java $jvm_flags -Xmx"${JAVA_HEAP:-4g}" \
  -cp "benchmarks/target/classes:$(cat "$classpath_file")" \
  io.quiver.benchmarks.CopyBenchmark "$@"
