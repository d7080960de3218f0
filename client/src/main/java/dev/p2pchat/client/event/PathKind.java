package dev.p2pchat.client.event;

import java.util.Locale;

/** How packets travel between the two peers. */
public enum PathKind {
  /** Peer to peer, UDP (host, server-reflexive or peer-reflexive candidates). */
  DIRECT,
  /** Through the TURN relay of the rendezvous server. */
  RELAYED;

  /** The JSON/terminal word: {@code direct} or {@code relayed}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
