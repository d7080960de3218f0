package dev.p2pchat.client.link;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p2pchat.client.identity.PublicKeys;

/** One side of one connection attempt: a local description to send, then {@link #connect}. */
public interface LinkAttempt {

  /** What the peer needs to reach us (candidates and check credentials), as JSON for the signal. */
  ObjectNode description();

  /**
   * Runs connectivity checks against {@code remote} and the handshake with the peer, whose keys
   * must be {@code peerKeys} (the pinned ones): a peer presenting another static key is refused.
   * Reports through {@code listener}: {@link LinkListener#onEstablished} or {@link LinkListener#onClosed}.
   *
   * @throws IllegalArgumentException if {@code remote} is malformed
   */
  Link connect(ObjectNode remote, LinkRole role, PublicKeys peerKeys, LinkListener listener);

  /** Gives up an attempt that was never connected (the peer declined or never answered). */
  void cancel();
}
