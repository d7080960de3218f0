package dev.p2pchat.client.link;

import dev.p2pchat.client.signalling.ServerMessage;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * How the chat client gets an end-to-end encrypted, reliable link to a peer. The real one joins
 * traversal (candidates, connectivity checks, a UDP path) and the session layer (Noise IK, reliable
 * stream); tests use an in-memory one. The client only carries the opaque descriptions between the
 * two sides through the rendezvous server.
 *
 * <pre>
 *   offerer: prepare() ─ description ─▶ signal ─▶ answerer: prepare(); connect(offer, CONTROLLED)
 *   offerer: connect(answer, CONTROLLING)  ◀─ signal ◀─ description ─┘
 * </pre>
 */
public interface PeerLinks extends AutoCloseable {

  /** The rendezvous server's welcome (its STUN and TURN servers); called on every (re)login. */
  void useServers(ServerMessage.Welcome welcome);

  /** This client's public (server-reflexive) address, once known; for the {@code ready} event. */
  CompletableFuture<Optional<String>> publicAddress();

  /** Gathers local candidates for one connection attempt. */
  CompletableFuture<LinkAttempt> prepare();

  @Override
  void close();
}
