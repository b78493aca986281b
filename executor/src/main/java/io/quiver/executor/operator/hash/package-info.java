/**
 * Vectorized hashing of key columns and the open-addressing table that maps keys to dense ids, shared by
 * hash aggregation (ids are groups) and the hash join (ids are distinct build keys). Keys are stored
 * column-wise in growable primitive buffers, never as per-row objects.
 */
package io.quiver.executor.operator.hash;
