/**
 * The Arrow Flight SQL endpoint in front of the engine façade: {@code quiver server}. One
 * {@link io.quiver.server.Session} per authenticated client (bearer token); results stream batch by batch
 * from {@link io.quiver.server.StatementResult#stream()} to the client with back-pressure.
 */
package io.quiver.server.flight;
