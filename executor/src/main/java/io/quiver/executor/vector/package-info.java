/** Helpers that build and copy Arrow vectors, shared by operators. */
package io.quiver.executor.vector;
