#!/usr/bin/env bash
# The cluster data plane: Flight DoGet rate between two worker JVMs vs an Arrow IPC copy in one process;
# prints both and the ratio. Arguments go to ClusterTransferBenchmark: --mb N (block size, default 1024)  --runs R
# --warmups W (untimed fetches first, default 8)  --transfers 1x1,2x1 (stripes x connections to compare, in turns)
# Environment: MVN_FLAGS, SKIP_BUILD=1 (see bench-env.sh), JAVA_HEAP (default 4g).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-env.sh"

# shellcheck disable=SC2086
exec java $jvm_flags -Xmx"${JAVA_HEAP:-4g}" \
  -cp "benchmarks/target/classes:$(cat "$classpath_file")" \
  io.quiver.benchmarks.cluster.ClusterTransferBenchmark "$@"
