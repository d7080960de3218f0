package dev.p2pchat.client.link;

import dev.p2pchat.client.identity.DhKeyPair;
import dev.p2pchat.client.identity.PublicKeys;
import dev.p2pchat.traversal.Path;

/**
 * Runs the session layer over a connected {@link Path}: the Noise IK handshake with the pinned peer key
 * (the offerer initiates), then the reliable message stream. The returned {@link Link} reports
 * {@link LinkListener#onEstablished} when the handshake completes.
 */
@FunctionalInterface
public interface SessionOpener {
  Link open(Path path, LinkRole role, DhKeyPair local, PublicKeys peer, LinkListener listener);
}
