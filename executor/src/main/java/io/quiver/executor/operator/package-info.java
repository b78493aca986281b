/** Physical operators, one per file, each a {@link io.quiver.executor.BatchStream}. */
package io.quiver.executor.operator;
