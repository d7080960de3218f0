package dev.p2pchat.server.turn;

import static dev.p2pchat.protocol.turn.TurnConstants.CHANNEL_LIFETIME;
import static dev.p2pchat.protocol.turn.TurnConstants.CHANNEL_REUSE_DELAY;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One allocation's channel bindings (RFC 8656 §12): channel number ↔ peer transport address, one to
 * one. A binding is active for {@link dev.p2pchat.protocol.turn.TurnConstants#CHANNEL_LIFETIME}
 * after its last ChannelBind; for {@link dev.p2pchat.protocol.turn.TurnConstants#CHANNEL_REUSE_DELAY}
 * more it still blocks its number and its peer from being bound to anything else. Not thread-safe.
 */
final class ChannelTable {
  private record Binding(int channel, InetSocketAddress peer, Instant expiry) {
    boolean active(Instant now) {
      return now.isBefore(expiry);
    }

    boolean blocks(Instant now) {
      return now.isBefore(expiry.plus(CHANNEL_REUSE_DELAY));
    }
  }

  private final Map<Integer, Binding> byChannel = new HashMap<>();
  private final Map<InetSocketAddress, Binding> byPeer = new HashMap<>();

  /**
   * Binds or refreshes {@code channel} to {@code peer}; false if either is (or recently was) bound to
   * something else (the request then fails with 400).
   */
  boolean bind(int channel, InetSocketAddress peer, Instant now) {
    prune(now);
    Binding ofChannel = byChannel.get(channel);
    Binding ofPeer = byPeer.get(peer);
    if ((ofChannel != null && !ofChannel.peer().equals(peer)) || (ofPeer != null && ofPeer.channel() != channel)) {
      return false;
    }
    Binding b = new Binding(channel, peer, now.plus(CHANNEL_LIFETIME));
    byChannel.put(channel, b);
    byPeer.put(peer, b);
    return true;
  }

  /** The peer an active binding of {@code channel} names. */
  Optional<InetSocketAddress> peerOf(int channel, Instant now) {
    Binding b = byChannel.get(channel);
    return b != null && b.active(now) ? Optional.of(b.peer()) : Optional.empty();
  }

  /** The channel actively bound to {@code peer}. */
  OptionalInt channelOf(InetSocketAddress peer, Instant now) {
    Binding b = byPeer.get(peer);
    return b != null && b.active(now) ? OptionalInt.of(b.channel()) : OptionalInt.empty();
  }

  /** Forgets bindings that no longer even block reuse. */
  void prune(Instant now) {
    byChannel.values().removeIf(b -> !b.blocks(now));
    byPeer.values().removeIf(b -> !b.blocks(now));
  }

  int size() {
    return byChannel.size();
  }
}
