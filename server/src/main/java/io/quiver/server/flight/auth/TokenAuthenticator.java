package io.quiver.server.flight.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.auth2.Auth2Constants;
import org.apache.arrow.flight.auth2.AuthUtilities;
import org.apache.arrow.flight.auth2.CallHeaderAuthenticator;

/**
 * Checks every call: {@code Authorization: Basic} with a valid user and password opens a client session
 * and answers with {@code Authorization: Bearer <token>}; {@code Bearer} tokens must be known and not
 * expired. Anything else is {@code UNAUTHENTICATED}, with a message that says nothing about which users
 * exist. The peer identity handed to the producer is the client session's id (not the token).
 */
public final class TokenAuthenticator implements CallHeaderAuthenticator {
  private final UserStore users;
  /** Opens a session for a user; returns {id, token}. */
  private final Function<String, String[]> openSession;
  /** Session id for a live token, or null. */
  private final UnaryOperator<String> sessionForToken;

  public TokenAuthenticator(UserStore users, Function<String, String[]> openSession,
      UnaryOperator<String> sessionForToken) {
    this.users = users;
    this.openSession = openSession;
    this.sessionForToken = sessionForToken;
  }

  @Override
  public AuthResult authenticate(CallHeaders headers) {
    String bearer = AuthUtilities.getValueFromAuthHeader(headers, Auth2Constants.BEARER_PREFIX);
    if (bearer != null) {
      String id = sessionForToken.apply(bearer);
      if (id == null) {
        throw CallStatus.UNAUTHENTICATED.withDescription("Invalid or expired token; log in again.").toRuntimeException();
      }
      return () -> id;
    }
    String basic = AuthUtilities.getValueFromAuthHeader(headers, Auth2Constants.BASIC_PREFIX);
    if (basic != null) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(basic.strip()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw refused();
      }
      int colon = decoded.indexOf(':');
      if (colon < 0 || !users.check(decoded.substring(0, colon), decoded.substring(colon + 1).toCharArray())) {
        throw refused();
      }
      String[] idAndToken = openSession.apply(decoded.substring(0, colon));
      return new AuthResult() {
        @Override
        public String getPeerIdentity() {
          return idAndToken[0];
        }

        @Override
        public void appendToOutgoingHeaders(CallHeaders outgoing) {
          outgoing.insert(Auth2Constants.AUTHORIZATION_HEADER, Auth2Constants.BEARER_PREFIX + idAndToken[1]);
        }
      };
    }
    throw CallStatus.UNAUTHENTICATED.withDescription("Authentication required (user and password).").toRuntimeException();
  }

  private static RuntimeException refused() {
    return CallStatus.UNAUTHENTICATED.withDescription("Invalid user or password.").toRuntimeException();
  }
}
