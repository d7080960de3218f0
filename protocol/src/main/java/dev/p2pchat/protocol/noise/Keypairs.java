package dev.p2pchat.protocol.noise;

import java.time.Instant;
import java.util.Optional;

/**
 * The current, previous and next channels of one peer, as WireGuard keeps them.
 * <ul>
 *   <li>current: used to send;
 *   <li>previous: the one before a rekey, kept until it expires so packets in flight still open;
 *   <li>next: a responder's new channel, not used to send until the initiator's first packet on
 *       it confirms that the initiator has it too (a replayed initiation can never confirm).
 * </ul>
 */
final class Keypairs {
  private final LocalIndices indices;
  private SecureChannel current;
  private SecureChannel previous;
  private SecureChannel next;

  Keypairs(LocalIndices indices) {
    this.indices = indices;
  }

  Optional<SecureChannel> current() {
    return Optional.ofNullable(current);
  }

  /** An initiator's finished handshake: its channel is confirmed by the response itself. */
  void installConfirmed(SecureChannel channel) {
    drop(next);
    next = null;
    rotateIn(channel);
  }

  /** A responder's new channel, waiting for confirmation. */
  void installNext(SecureChannel channel) {
    drop(next);
    next = channel;
  }

  /** After {@code channel} opened a packet: promotes it if it was waiting for confirmation. */
  void confirmed(SecureChannel channel) {
    if (channel == next) {
      next = null;
      rotateIn(channel);
    }
  }

  private void rotateIn(SecureChannel channel) {
    drop(previous);
    previous = current;
    current = channel;
  }

  Optional<SecureChannel> byLocalIndex(int index) {
    for (SecureChannel channel : new SecureChannel[] {current, next, previous}) {
      if (channel != null && channel.localIndex() == index) {
        return Optional.of(channel);
      }
    }
    return Optional.empty();
  }

  /** Forgets every channel whose keys passed reject-after-time. */
  void expire(Instant now, RekeyPolicy policy) {
    if (previous != null && policy.isExpired(now, previous)) {
      drop(previous);
      previous = null;
    }
    if (next != null && policy.isExpired(now, next)) {
      drop(next);
      next = null;
    }
    if (current != null && policy.isExpired(now, current)) {
      drop(current);
      current = null;
    }
  }

  private void drop(SecureChannel channel) {
    if (channel != null) {
      indices.release(channel.localIndex());
    }
  }
}
