# Sourced by the run-*.sh scripts: builds Quiver when needed (reactor `package`, never `mvn install`),
# and sets $root, $classpath_file and $jvm_flags, and the environment that keeps DJL and AWS offline.
# Environment: MVN_FLAGS (e.g. "-o" to build offline), SKIP_BUILD=1 (reuse the last build).
# A script may set BENCH_NEEDS to more files (space-separated) whose absence forces a build.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# The benchmarks pom writes this during `package`; quiver-* entries point at the reactor's freshly built
# jars, so nothing needs to be installed in ~/.m2.
classpath_file="benchmarks/target/runtime-classpath.txt"
needs_build="${SKIP_BUILD:-0}"
for f in "$classpath_file" ${BENCH_NEEDS:-}; do
  [[ -f "$f" ]] || needs_build=0
done
if [[ "$needs_build" != "1" ]]; then
  echo "building (mvn -B -q -DskipTests package) ..." >&2
  # shellcheck disable=SC2086
  mvn -B -q ${MVN_FLAGS:-} -DskipTests package
fi

# The JVM flags every Arrow JVM needs, from the root pom's quiver.jvmFlags property (one source of truth).
jvm_flags="$(sed -n 's:.*<quiver.jvmFlags>\(.*\)</quiver.jvmFlags>.*:\1:p' pom.xml)"
if [[ -z "$jvm_flags" ]]; then
  echo "cannot find <quiver.jvmFlags> in $root/pom.xml" >&2
  exit 1
fi

# Nothing may call home (see shared NOTES.md): DJL and the AWS SDK read these from the environment.
export OPT_OUT_TRACKING=true DJL_OFFLINE=true AWS_EC2_METADATA_DISABLED=true
