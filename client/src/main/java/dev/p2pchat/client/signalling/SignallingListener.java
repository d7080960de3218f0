package dev.p2pchat.client.signalling;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p2pchat.protocol.identity.Username;
import java.time.Duration;

/**
 * What the {@link SignallingClient} reports. Called on the client's own thread, one call at a time:
 * implementations must return quickly (hand work to their own thread).
 */
public interface SignallingListener {

  /** Authenticated (first time or after a reconnect). */
  default void onConnected(ServerMessage.Welcome welcome) {}

  /** The connection dropped or could not be made; the client retries after {@code retryIn}. */
  default void onReconnecting(String reason, Duration retryIn) {}

  /** A signal from another user. */
  default void onSignal(Username from, ObjectNode payload) {}

  /** A watched user came online or went offline. */
  default void onPresence(Username user, boolean online) {}

  /**
   * The server refused this identity ({@code name-taken}, {@code bad-signature}) or another login
   * replaced this one: the client has stopped and will not reconnect.
   */
  default void onFatal(SignallingException.ServerError error) {}
}
