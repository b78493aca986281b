#!/usr/bin/env bash
# The cluster's overhead (issue 5): the groupby questions and the image pipeline on embedded Quiver, on a
# cluster of 1 worker JVM and of 2 worker JVMs, in one run; prints the ratios cluster / embedded.
# Arguments go to ClusterScalingBenchmark:
#   --rows N  --data DIR  --queries q1,q3,images  --workers 1,2  --runs R  --warmups W  --image-warmups W
#   --images DIR  --model FILE  --jar FILE
# Environment: MVN_FLAGS, SKIP_BUILD=1 (see bench-env.sh), JAVA_HEAP (default 4g; each worker JVM gets the same),
# QUIVER_SHARED_DATA (where shared/data is, default ../shared/data).
set -euo pipefail
BENCH_NEEDS="examples/mnist-udfs/target/mnist-udfs.jar"
source "$(dirname "${BASH_SOURCE[0]}")/bench-env.sh"

shared="${QUIVER_SHARED_DATA:-$root/../shared/data}"
# As in run-images.sh (libtorch's per-call tensors); the worker JVMs inherit the environment.
export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-268435456}" MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-33554432}"

# shellcheck disable=SC2086
exec java $jvm_flags -Xmx"${JAVA_HEAP:-4g}" \
  -Dquiver.sharedData="$shared" \
  -cp "benchmarks/target/classes:$(cat "$classpath_file")" \
  io.quiver.benchmarks.ClusterScalingBenchmark "$@"
