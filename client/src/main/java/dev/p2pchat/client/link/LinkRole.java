package dev.p2pchat.client.link;

/** Which side of a connection attempt this client is (RFC 8445 §6.1.1 roles). */
public enum LinkRole {
  /** Sent the offer; nominates the path and starts the handshake. */
  CONTROLLING,
  /** Answered the offer. */
  CONTROLLED
}
