/** Runtime state that outlives one operator: materialized tables, thread pools. */
package io.quiver.executor.runtime;
