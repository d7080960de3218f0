package dev.p2pchat.client.store;

import java.util.Locale;

/**
 * Where a message is in its life. Outgoing messages move
 *
 * <pre>
 *   QUEUED ──(handed to a session)──▶ SENT ──(peer acknowledged)──▶ DELIVERED
 *      └──────────────(acknowledged before marked sent)──────────────▲
 * </pre>
 *
 * and stay in the outbox until DELIVERED. Incoming messages are RECEIVED.
 */
public enum MessageState {
  QUEUED,
  SENT,
  DELIVERED,
  RECEIVED;

  /** True while an outgoing message still waits for the peer's acknowledgement. */
  public boolean inOutbox() {
    return this == QUEUED || this == SENT;
  }

  String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  static MessageState fromWire(String text) {
    return valueOf(text.toUpperCase(Locale.ROOT));
  }
}
