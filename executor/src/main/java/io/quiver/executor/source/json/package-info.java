/**
 * {@code read_json}: JSON lines files (one object per line) with a schema inferred from a sample, read
 * with Jackson's streaming parser into Arrow vectors, one split per file.
 */
package io.quiver.executor.source.json;
