package dev.p2pchat.client.signalling;

/**
 * A server message this client cannot understand: not JSON, unknown {@code type}, a missing or
 * malformed field. The connection drops such a message and counts it; it is never shown to the user.
 */
public final class SignallingProtocolException extends Exception {
  public SignallingProtocolException(String message) {
    super(message);
  }
}
