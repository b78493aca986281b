/** Users, hashed passwords and expiring bearer tokens for the Flight SQL endpoint. */
package io.quiver.server.flight.auth;
