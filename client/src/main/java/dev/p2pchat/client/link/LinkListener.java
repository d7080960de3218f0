package dev.p2pchat.client.link;

import dev.p2pchat.client.event.PathKind;
import java.util.UUID;

/** What a {@link Link} reports, in order, from its own thread. Implementations must not block. */
public interface LinkListener {

  /** The handshake completed over a working path. */
  void onEstablished(PathKind path, String remote);

  /**
   * A message from the peer. The link acknowledges it after this returns, so the client must have
   * stored it durably by then; a duplicate (after a retransmission or restart) may arrive again.
   */
  void onMessage(UUID id, byte[] payload);

  /** The peer acknowledged message {@code id}. */
  void onDelivered(UUID id);

  /** The path moved (relayed → direct, NAT rebinding) without losing the session. */
  void onPathChanged(PathKind path, String remote);

  /** The link is gone (checks failed, peer closed, peer unreachable, wrong peer key). */
  void onClosed(String reason);
}
