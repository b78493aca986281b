#!/usr/bin/env bash
# Builds Quiver (reactor `package`, no `mvn install`; this also builds examples/mnist-udfs/target/mnist-udfs.jar)
# and runs the image-pipeline benchmark of issue 3: Quiver SQL vs a one-thread and a two-thread Java loop
# over ../shared/data/mnist/all (10,000 PNGs). Arguments go to ImagePipelineBenchmark:
#   --data DIR  --model FILE  --jar FILE  --runs R  --warmups W  --max-warmups M  --skip-loops
# Environment: MVN_FLAGS, SKIP_BUILD=1 (see bench-env.sh),
# JAVA_HEAP (default 2g), QUIVER_SHARED_DATA (where shared/data is, default ../shared/data).
set -euo pipefail
djl_classpath_file="benchmarks/target/djl-classpath.txt"
jar="examples/mnist-udfs/target/mnist-udfs.jar"
BENCH_NEEDS="$djl_classpath_file $jar"
source "$(dirname "${BASH_SOURCE[0]}")/bench-env.sh"

shared="${QUIVER_SHARED_DATA:-$root/../shared/data}"

# glibc malloc: keep freed memory instead of handing it back to the OS after every call. libtorch allocates
# and frees multi-MB activation tensors per forward pass; with glibc's defaults each actor thread's arena
# was trimmed and re-faulted every batch (~100k page faults and 0.2-0.3 s of system time per actor per
# 10,000 MNIST images, and up to 1.6x the CPU per batch). A user's own values win.
export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-268435456}" MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-33554432}"

# This JVM runs Quiver and has NO DJL on its class path (the engine loads DJL from the UDF jar); it starts
# the Java-loop baselines in a child JVM with the same flags plus DJL's jars (quiver.bench.djlClasspath).
# shellcheck disable=SC2086
exec java $jvm_flags -Xmx"${JAVA_HEAP:-2g}" \
  -Dquiver.sharedData="$shared" \
  -Dquiver.bench.djlClasspath="$(cat "$djl_classpath_file")" \
  -cp "benchmarks/target/classes:$(cat "$classpath_file")" \
  io.quiver.benchmarks.images.ImagePipelineBenchmark --jar "$jar" "$@"
