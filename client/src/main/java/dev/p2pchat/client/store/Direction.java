package dev.p2pchat.client.store;

/** Whether a stored message was sent by this user or received from a peer. */
public enum Direction {
  IN,
  OUT;

  String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  static Direction fromWire(String text) {
    return valueOf(text.toUpperCase(java.util.Locale.ROOT));
  }
}
