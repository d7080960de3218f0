package dev.p2pchat.server.turn;

import static dev.p2pchat.protocol.turn.TurnConstants.PERMISSION_LIFETIME;

import dev.p2pchat.protocol.stun.IntegrityKey;
import dev.p2pchat.protocol.stun.TransactionId;
import dev.p2pchat.server.stun.RelayHandler;
import java.net.InetAddress;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One allocation (RFC 8656 §2.2, §6): who owns it, its relayed socket, its lifetime, permissions and
 * channels, and its bandwidth. Guarded by the relay's lock; holds no lock of its own.
 */
final class Allocation {
  /** A client installing permissions for more peers than this is refused (508): a chat has a few. */
  static final int MAX_PERMISSIONS = 64;

  final FiveTuple tuple;
  /** The REST username every later request must present (RFC 8656 §5: else 441). */
  final String username;
  final String user;
  final IntegrityKey key;
  final RelaySocket socket;
  final RelayHandler.Responder clientSide;
  final TransactionId allocateTransaction;
  final byte[] allocateResponse;
  final ChannelTable channels = new ChannelTable();
  final TokenBucket bandwidth;
  private final Map<InetAddress, Instant> permissions = new HashMap<>();
  private Instant expiry;

  Allocation(FiveTuple tuple, LongTermAuth.Outcome.Authenticated auth, RelaySocket socket, RelayHandler.Responder clientSide,
             TransactionId allocateTransaction, byte[] allocateResponse, TokenBucket bandwidth, Instant expiry) {
    this.tuple = tuple;
    this.username = auth.username();
    this.user = auth.user();
    this.key = auth.key();
    this.socket = socket;
    this.clientSide = clientSide;
    this.allocateTransaction = allocateTransaction;
    this.allocateResponse = allocateResponse;
    this.bandwidth = bandwidth;
    this.expiry = expiry;
  }

  boolean expired(Instant now) {
    return !now.isBefore(expiry);
  }

  void expireAt(Instant value) {
    expiry = value;
  }

  /** Whether one more permission for {@code ip} fits ({@link #MAX_PERMISSIONS}); refreshing always fits. */
  boolean canPermit(InetAddress ip, Instant now) {
    permissions.values().removeIf(until -> !now.isBefore(until));
    return permissions.containsKey(ip) || permissions.size() < MAX_PERMISSIONS;
  }

  /** Installs or refreshes the permission for {@code ip} (RFC 8656 §9: 300 s, by IP address only). */
  void permit(InetAddress ip, Instant now) {
    permissions.put(ip, now.plus(PERMISSION_LIFETIME));
  }

  boolean permits(InetAddress ip, Instant now) {
    Instant until = permissions.get(ip);
    return until != null && now.isBefore(until);
  }
}
