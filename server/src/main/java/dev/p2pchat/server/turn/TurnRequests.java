package dev.p2pchat.server.turn;

import static dev.p2pchat.protocol.stun.StunConstants.ERROR_ALLOCATION_MISMATCH;
import static dev.p2pchat.protocol.stun.StunConstants.ERROR_ALLOCATION_QUOTA_REACHED;
import static dev.p2pchat.protocol.stun.StunConstants.ERROR_ADDRESS_FAMILY_NOT_SUPPORTED;
import static dev.p2pchat.protocol.stun.StunConstants.ERROR_BAD_REQUEST;
import static dev.p2pchat.protocol.stun.StunConstants.ERROR_FORBIDDEN;
import static dev.p2pchat.protocol.stun.StunConstants.ERROR_INSUFFICIENT_CAPACITY;
import static dev.p2pchat.protocol.stun.StunConstants.ERROR_PEER_ADDRESS_FAMILY_MISMATCH;
import static dev.p2pchat.protocol.stun.StunConstants.ERROR_UNKNOWN_ATTRIBUTE;
import static dev.p2pchat.protocol.stun.StunConstants.ERROR_UNSUPPORTED_TRANSPORT_PROTOCOL;
import static dev.p2pchat.protocol.stun.StunConstants.ERROR_WRONG_CREDENTIALS;
import static dev.p2pchat.protocol.stun.StunConstants.METHOD_ALLOCATE;
import static dev.p2pchat.protocol.stun.StunConstants.METHOD_CHANNEL_BIND;
import static dev.p2pchat.protocol.stun.StunConstants.METHOD_CREATE_PERMISSION;
import static dev.p2pchat.protocol.stun.StunConstants.METHOD_REFRESH;
import static dev.p2pchat.protocol.stun.StunConstants.TRANSPORT_UDP;

import dev.p2pchat.protocol.stun.AddressAttribute;
import dev.p2pchat.protocol.stun.ErrorAttribute;
import dev.p2pchat.protocol.stun.Stun;
import dev.p2pchat.protocol.stun.StunConstants;
import dev.p2pchat.protocol.stun.StunMessage;
import dev.p2pchat.protocol.stun.TurnAttribute;
import dev.p2pchat.protocol.turn.TurnConstants;
import dev.p2pchat.server.stun.RelayHandler;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The four TURN requests (RFC 8656 §7.2 Allocate, §8.2 Refresh, §10.2 CreatePermission, §12.2
 * ChannelBind) from an authenticated client: each returns the response to send. Runs under the
 * relay's lock. A refusal is an error response naming the RFC code, with integrity.
 */
final class TurnRequests {
  private static final Logger log = LoggerFactory.getLogger(TurnRequests.class);

  private final TurnRelayConfig config;
  private final AllocationTable table;
  private final RelaySockets ports;
  private final PeerPolicy policy;
  private final TurnStats stats;
  private final RelaySocket.Receiver receiver;

  TurnRequests(TurnRelayConfig config, AllocationTable table, RelaySockets ports, PeerPolicy policy, TurnStats stats,
               RelaySocket.Receiver receiver) {
    this.config = config;
    this.table = table;
    this.ports = ports;
    this.policy = policy;
    this.stats = stats;
    this.receiver = receiver;
  }

  /** The context of one request. */
  record Request(StunMessage message, LongTermAuth.Outcome.Authenticated auth, FiveTuple tuple,
                 RelayHandler.Responder responder, Instant now) {}

  byte[] handle(Request r) {
    List<Integer> unknown = Stun.unknownComprehensionRequired(r.message());
    if (!unknown.isEmpty()) {
      return refuse(r, ERROR_UNKNOWN_ATTRIBUTE, "Unknown Attribute", new ErrorAttribute.UnknownAttributes(unknown));
    }
    return switch (r.message().type().method()) {
      case METHOD_ALLOCATE -> allocate(r);
      case METHOD_REFRESH -> refresh(r);
      case METHOD_CREATE_PERMISSION -> createPermission(r);
      case METHOD_CHANNEL_BIND -> channelBind(r);
      default -> refuse(r, ERROR_BAD_REQUEST, "Bad Request");
    };
  }

  private byte[] allocate(Request r) {
    StunMessage m = r.message();
    Allocation existing = table.live(r.tuple(), r.now());
    if (existing != null) {
      // RFC 8656 §7.2: a retransmission gets the same answer; anything else on a taken 5-tuple, 437.
      return existing.allocateTransaction.equals(m.transactionId()) ? existing.allocateResponse
          : refuse(r, ERROR_ALLOCATION_MISMATCH, "Allocation Mismatch");
    }
    Optional<byte[]> invalid = checkAllocate(r);
    if (invalid.isPresent()) {
      return invalid.get();
    }
    if (table.countFor(r.auth().user()) >= config.maxAllocationsPerUser()) {
      stats.count(TurnStats.Counter.QUOTA_REFUSED);
      return TurnResponses.error(m, r.auth().key(), ERROR_ALLOCATION_QUOTA_REACHED, "Allocation Quota Reached");
    }
    boolean even = m.first(TurnAttribute.EvenPort.class).isPresent();
    Optional<RelaySocket> socket = bind(even);
    if (socket.isEmpty()) {
      stats.count(TurnStats.Counter.CAPACITY_REFUSED);
      return TurnResponses.error(m, r.auth().key(), ERROR_INSUFFICIENT_CAPACITY, "Insufficient Capacity");
    }
    Duration lifetime = grantedLifetime(m);
    byte[] response = TurnResponses.success(m, r.auth().key(),
        new AddressAttribute.XorRelayedAddress(socket.get().address()),
        new TurnAttribute.Lifetime(lifetime.toSeconds()),
        new AddressAttribute.XorMappedAddress(r.tuple().client()));
    TokenBucket bucket = new TokenBucket(config.bandwidth().bytesPerSecond(), config.bandwidth().burstBytes(), r.now());
    table.add(new Allocation(r.tuple(), r.auth(), socket.get(), r.responder(), m.transactionId(), response, bucket,
        r.now().plus(lifetime)));
    return response;
  }

  /** The Allocate attributes we cannot honour, in the order of RFC 8656 §7.2. */
  private Optional<byte[]> checkAllocate(Request r) {
    StunMessage m = r.message();
    Optional<TurnAttribute.RequestedTransport> transport = m.first(TurnAttribute.RequestedTransport.class);
    if (transport.isEmpty()) {
      return Optional.of(refuse(r, ERROR_BAD_REQUEST, "Bad Request"));
    }
    if (transport.get().protocol() != TRANSPORT_UDP) {
      return Optional.of(refuse(r, ERROR_UNSUPPORTED_TRANSPORT_PROTOCOL, "Unsupported Transport Protocol"));
    }
    if (m.first(TurnAttribute.DontFragment.class).isPresent()) {
      // Java cannot set DF per datagram; RFC 8656 §7.2 says to answer as for an unknown attribute.
      return Optional.of(refuse(r, ERROR_UNKNOWN_ATTRIBUTE, "Unknown Attribute",
          new ErrorAttribute.UnknownAttributes(List.of(StunConstants.DONT_FRAGMENT))));
    }
    boolean reserve = m.first(TurnAttribute.EvenPort.class).map(TurnAttribute.EvenPort::reserve).orElse(false);
    if (reserve || m.first(TurnAttribute.ReservationToken.class).isPresent()) {
      // We keep no reserved ports: nothing to hand out, nothing to redeem.
      return Optional.of(refuse(r, ERROR_INSUFFICIENT_CAPACITY, "Insufficient Capacity"));
    }
    Optional<TurnAttribute.RequestedAddressFamily> family = m.first(TurnAttribute.RequestedAddressFamily.class);
    if (family.isPresent() && family.get().family() != relayFamily()) {
      return Optional.of(refuse(r, ERROR_ADDRESS_FAMILY_NOT_SUPPORTED, "Address Family not Supported"));
    }
    return Optional.empty();
  }

  private Optional<RelaySocket> bind(boolean even) {
    try {
      return ports.bind(even, receiver);
    } catch (IOException e) {
      log.warn("cannot open a relayed socket on {}: {}", config.relayAddress().getHostAddress(), e.toString());
      return Optional.empty();
    }
  }

  private byte[] refresh(Request r) {
    Allocation a = table.live(r.tuple(), r.now());
    Optional<byte[]> refused = checkOwner(r, a);
    if (refused.isPresent()) {
      return refused.get();
    }
    Optional<Long> requested = r.message().first(TurnAttribute.Lifetime.class).map(TurnAttribute.Lifetime::seconds);
    if (requested.isPresent() && requested.get() == 0) {
      table.remove(a);
      return TurnResponses.success(r.message(), a.key, new TurnAttribute.Lifetime(0));
    }
    Duration lifetime = grantedLifetime(r.message());
    a.expireAt(r.now().plus(lifetime));
    return TurnResponses.success(r.message(), a.key, new TurnAttribute.Lifetime(lifetime.toSeconds()));
  }

  private byte[] createPermission(Request r) {
    Allocation a = table.live(r.tuple(), r.now());
    Optional<byte[]> refused = checkOwner(r, a);
    if (refused.isPresent()) {
      return refused.get();
    }
    List<InetSocketAddress> peers = r.message().attributes().stream()
        .filter(AddressAttribute.XorPeerAddress.class::isInstance)
        .map(p -> ((AddressAttribute.XorPeerAddress) p).address())
        .toList();
    if (peers.isEmpty()) {
      return refuse(r, ERROR_BAD_REQUEST, "Bad Request");
    }
    for (InetSocketAddress peer : peers) {
      Optional<byte[]> bad = checkPeer(r, a, peer.getAddress());
      if (bad.isPresent()) {
        return bad.get(); // all or nothing (RFC 8656 §10.2)
      }
    }
    peers.forEach(peer -> a.permit(peer.getAddress(), r.now()));
    return TurnResponses.success(r.message(), a.key);
  }

  private byte[] channelBind(Request r) {
    Allocation a = table.live(r.tuple(), r.now());
    Optional<byte[]> refused = checkOwner(r, a);
    if (refused.isPresent()) {
      return refused.get();
    }
    Optional<Integer> channel = r.message().first(TurnAttribute.ChannelNumber.class).map(TurnAttribute.ChannelNumber::channel);
    Optional<InetSocketAddress> peer = r.message().first(AddressAttribute.XorPeerAddress.class).map(AddressAttribute::address);
    if (channel.isEmpty() || peer.isEmpty()
        || channel.get() < TurnConstants.MIN_CHANNEL || channel.get() > TurnConstants.MAX_CHANNEL) {
      return refuse(r, ERROR_BAD_REQUEST, "Bad Request");
    }
    Optional<byte[]> bad = checkPeer(r, a, peer.get().getAddress());
    if (bad.isPresent()) {
      return bad.get();
    }
    if (!a.channels.bind(channel.get(), peer.get(), r.now())) {
      return refuse(r, ERROR_BAD_REQUEST, "Bad Request"); // number or peer bound elsewhere (RFC 8656 §12.2)
    }
    a.permit(peer.get().getAddress(), r.now()); // a ChannelBind installs or refreshes the permission too
    return TurnResponses.success(r.message(), a.key);
  }

  /** 437 without an allocation; 441 if another username made it (RFC 8656 §5). */
  private Optional<byte[]> checkOwner(Request r, Allocation a) {
    if (a == null) {
      return Optional.of(refuse(r, ERROR_ALLOCATION_MISMATCH, "Allocation Mismatch"));
    }
    if (!a.username.equals(r.auth().username())) {
      return Optional.of(refuse(r, ERROR_WRONG_CREDENTIALS, "Wrong Credentials"));
    }
    return Optional.empty();
  }

  private Optional<byte[]> checkPeer(Request r, Allocation a, InetAddress peer) {
    if ((peer instanceof Inet6Address) != (config.relayAddress() instanceof Inet6Address)) {
      return Optional.of(refuse(r, ERROR_PEER_ADDRESS_FAMILY_MISMATCH, "Peer Address Family Mismatch"));
    }
    if (!policy.permits(peer)) {
      stats.count(TurnStats.Counter.FORBIDDEN_PEER);
      return Optional.of(TurnResponses.error(r.message(), r.auth().key(), ERROR_FORBIDDEN, "Forbidden"));
    }
    if (!a.canPermit(peer, r.now())) {
      return Optional.of(refuse(r, ERROR_INSUFFICIENT_CAPACITY, "Insufficient Capacity"));
    }
    return Optional.empty();
  }

  /**
   * RFC 8656 §7.2, §8.2: the requested lifetime capped at the maximum, but never below the default;
   * the default when none was asked for.
   */
  static Duration grantedLifetime(StunMessage m) {
    Optional<TurnAttribute.Lifetime> requested = m.first(TurnAttribute.Lifetime.class);
    if (requested.isEmpty()) {
      return TurnConstants.DEFAULT_ALLOCATION_LIFETIME;
    }
    long capped = Math.min(requested.get().seconds(), TurnConstants.MAX_ALLOCATION_LIFETIME.toSeconds());
    return Duration.ofSeconds(Math.max(capped, TurnConstants.DEFAULT_ALLOCATION_LIFETIME.toSeconds()));
  }

  private int relayFamily() {
    return config.relayAddress() instanceof Inet6Address ? StunConstants.FAMILY_IPV6 : StunConstants.FAMILY_IPV4;
  }

  private byte[] refuse(Request r, int code, String reason, dev.p2pchat.protocol.stun.StunAttribute... extra) {
    stats.count(TurnStats.Counter.OTHER_ERRORS);
    return TurnResponses.error(r.message(), r.auth().key(), code, reason, extra);
  }
}
