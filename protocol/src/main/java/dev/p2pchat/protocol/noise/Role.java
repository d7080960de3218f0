package dev.p2pchat.protocol.noise;

/** Which side of a handshake a party plays (Noise §5.3). */
public enum Role {
  INITIATOR,
  RESPONDER;

  /** Whether this role writes message {@code index} (0-based) of a pattern: they alternate. */
  boolean writes(int index) {
    return (index % 2 == 0) == (this == INITIATOR);
  }
}
