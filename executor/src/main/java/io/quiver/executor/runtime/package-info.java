/** Runtime state that outlives one operator: materialized tables, the block store and its spill files, thread pools. */
package io.quiver.executor.runtime;
