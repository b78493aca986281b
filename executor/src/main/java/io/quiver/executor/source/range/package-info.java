/** {@code range}: synthetic BIGINT rows for tests and benchmarks. */
package io.quiver.executor.source.range;
