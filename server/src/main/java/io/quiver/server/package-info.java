/** The engine façade: an embedded engine, sessions (statement in, result stream out). */
package io.quiver.server;
