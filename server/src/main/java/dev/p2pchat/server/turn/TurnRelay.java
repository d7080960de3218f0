package dev.p2pchat.server.turn;

import dev.p2pchat.protocol.stun.AddressAttribute;
import dev.p2pchat.protocol.stun.Stun;
import dev.p2pchat.protocol.stun.StunClass;
import dev.p2pchat.protocol.stun.StunConstants;
import dev.p2pchat.protocol.stun.StunMessage;
import dev.p2pchat.protocol.stun.StunMessageType;
import dev.p2pchat.protocol.stun.TransactionId;
import dev.p2pchat.protocol.stun.TurnAttribute;
import dev.p2pchat.protocol.turn.ChannelData;
import dev.p2pchat.protocol.turn.ChannelDataCodec;
import dev.p2pchat.server.stun.RelayHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in TURN relay (RFC 8656 over UDP): it gets the STUN port's non-Binding messages and
 * ChannelData, and the datagrams peers send to relayed sockets.
 *
 * <pre>
 *  client ──Allocate/Refresh/CreatePermission/ChannelBind──▶ LongTermAuth ─▶ TurnRequests ─▶ AllocationTable
 *  client ──Send indication / ChannelData──▶ permission, policy, bandwidth ─▶ RelaySocket ──▶ peer
 *  peer ──▶ RelaySocket ─▶ permission, bandwidth ─▶ ChannelData or Data indication ──▶ client
 * </pre>
 *
 * <p>Threads: calls arrive from the STUN socket's reader and from every relayed socket's reader.
 * Authentication is stateless and runs first, without a lock; then one lock ({@link #lock}) guards
 * every allocation. It is held for table and bucket arithmetic and for binding or closing relayed
 * sockets, never while sending. Nothing else is locked inside it.
 *
 * <p>Expiry is by the injected clock: an expired allocation, permission or channel is treated as gone
 * at once; {@link #sweep()} (run periodically) closes the sockets of expired allocations.
 */
public final class TurnRelay implements RelayHandler, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TurnRelay.class);

  /**
   * The largest payload relayed: a Data indication around it (36 bytes more with an IPv4 peer,
   * 48 with IPv6) still fits one UDP datagram. Larger ones are dropped and counted.
   */
  public static final int MAX_PAYLOAD = 65_000;

  /** One datagram to send once the lock is released. */
  private record Outgoing(Sender via, InetSocketAddress to, byte[] data) {}

  @FunctionalInterface
  private interface Sender {
    void send(InetSocketAddress to, byte[] data);
  }

  private final TurnRelayConfig config;
  private final InstantSource clock;
  private final TurnStats stats = new TurnStats();
  private final ReentrantLock lock = new ReentrantLock();
  private final LongTermAuth auth;
  private final AllocationTable table;
  private final PeerPolicy policy;
  private final TurnRequests requests;
  /** Transaction ids of Data indications: no one answers them, so speed beats secrecy. */
  private final SplittableRandom indicationIds;

  private TurnRelay(TurnRelayConfig config, Set<InetAddress> ownAddresses, RelaySockets sockets, InstantSource clock,
                    RandomGenerator random) {
    this.config = config;
    this.clock = clock;
    this.auth = new LongTermAuth(config.realm(), config.secret(), new Nonces(random, config.nonceLifetime()));
    this.table = new AllocationTable(stats);
    Set<InetAddress> own = new HashSet<>(ownAddresses);
    own.add(config.relayAddress());
    this.policy = new PeerPolicy(own, config.relayAddress(), config.allowLoopbackPeers());
    this.requests = new TurnRequests(config, table, sockets, policy, stats, this::onPeerDatagram);
    this.indicationIds = new SplittableRandom(random.nextLong());
  }

  /**
   * A relay with relayed sockets on real UDP ports of {@code config.relayAddress()}. Pass it to the
   * STUN server as its {@link RelayHandler}, then tell it {@link #listeningOn} where that listens.
   *
   * @param random nonce keys, relayed ports: a SecureRandom
   */
  public static TurnRelay create(TurnRelayConfig config, InstantSource clock, SecureRandom random) {
    PortPool ports = new PortPool(config.relayAddress(), config.ports(), random);
    return new TurnRelay(config, PeerPolicy.interfaceAddresses(), ports, clock, random);
  }

  /** Tests: relayed sockets and the host's own addresses from a simulation. */
  static TurnRelay create(TurnRelayConfig config, Set<InetAddress> ownAddresses, RelaySockets sockets,
                          InstantSource clock, RandomGenerator random) {
    return new TurnRelay(config, ownAddresses, sockets, clock, random);
  }

  /**
   * The STUN/TURN sockets the server listens on: the relay never sends to them. Until this is called,
   * the relay sends to none of the server's own addresses.
   */
  public void listeningOn(Collection<InetSocketAddress> sockets) {
    policy.serverSockets(Set.copyOf(sockets));
  }

  public TurnRelayConfig config() {
    return config;
  }

  public TurnStats stats() {
    return stats;
  }

  /** Live allocations (expired ones may still be counted until the next sweep). */
  public int allocations() {
    lock.lock();
    try {
      return table.size();
    } finally {
      lock.unlock();
    }
  }

  /** A STUN message other than Binding from {@code client}; {@code datagram} is it as received. */
  @Override
  public void onStun(StunMessage message, byte[] datagram, InetSocketAddress client, Responder responder) {
    Instant now = clock.instant();
    FiveTuple tuple = new FiveTuple(client, responder.localAddress());
    StunClass c = message.type().messageClass();
    if (c == StunClass.INDICATION && message.type().method() == StunConstants.METHOD_SEND) {
      send(locked(() -> fromClient(tuple, message, now)));
    } else if (c == StunClass.REQUEST) {
      request(message, datagram, tuple, responder, now);
    } else {
      stats.count(TurnStats.Counter.DROPPED_MALFORMED); // responses and other indications are not for a server
    }
  }

  /** ChannelData from {@code client} (RFC 8656 §12.6). */
  @Override
  public void onChannelData(ChannelData message, InetSocketAddress client, Responder responder) {
    Instant now = clock.instant();
    FiveTuple tuple = new FiveTuple(client, responder.localAddress());
    send(locked(() -> {
      Allocation a = table.live(tuple, now);
      Optional<InetSocketAddress> peer = a == null ? Optional.empty() : a.channels.peerOf(message.channel(), now);
      if (peer.isEmpty()) {
        return drop(TurnStats.Counter.DROPPED_NO_ALLOCATION);
      }
      return toPeer(a, peer.get(), message.data(), now);
    }));
  }

  /** Closes the sockets of expired allocations; returns how many. Run every few seconds. */
  public int sweep() {
    Instant now = clock.instant();
    return locked(() -> table.expire(now));
  }

  @Override
  public void close() {
    locked(() -> {
      table.clear();
      return null;
    });
  }

  private void request(StunMessage message, byte[] datagram, FiveTuple tuple, Responder responder, Instant now) {
    LongTermAuth.Outcome outcome = auth.check(message, datagram, tuple.client(), now);
    byte[] reply = switch (outcome) {
      case LongTermAuth.Outcome.Refused refused -> {
        stats.count(refused.counter());
        yield refused.response();
      }
      case LongTermAuth.Outcome.Authenticated ok ->
          locked(() -> requests.handle(new TurnRequests.Request(message, ok, tuple, responder, now)));
    };
    responder.send(tuple.client(), reply);
  }

  /** A Send indication (RFC 8656 §11.2): relayed if a permission covers the peer. */
  private Optional<Outgoing> fromClient(FiveTuple tuple, StunMessage m, Instant now) {
    Allocation a = table.live(tuple, now);
    if (a == null) {
      return drop(TurnStats.Counter.DROPPED_NO_ALLOCATION);
    }
    Optional<InetSocketAddress> peer = m.first(AddressAttribute.XorPeerAddress.class).map(AddressAttribute::address);
    Optional<TurnAttribute.Data> data = m.first(TurnAttribute.Data.class);
    if (peer.isEmpty() || data.isEmpty()) {
      return drop(TurnStats.Counter.DROPPED_MALFORMED);
    }
    return toPeer(a, peer.get(), data.get().value(), now);
  }

  private Optional<Outgoing> toPeer(Allocation a, InetSocketAddress peer, byte[] data, Instant now) {
    if (data.length > MAX_PAYLOAD) {
      return drop(TurnStats.Counter.DROPPED_MALFORMED);
    }
    if (!a.permits(peer.getAddress(), now)) {
      return drop(TurnStats.Counter.DROPPED_NO_PERMISSION);
    }
    if (!policy.mayRelayTo(peer, table.isRelayed(peer, now))) {
      return drop(TurnStats.Counter.DROPPED_FORBIDDEN);
    }
    if (!a.bandwidth.tryTake(data.length, now)) {
      return drop(TurnStats.Counter.DROPPED_RATE_LIMITED);
    }
    stats.count(TurnStats.Counter.RELAYED_TO_PEER);
    stats.add(TurnStats.Counter.RELAYED_BYTES, data.length);
    return Optional.of(new Outgoing(a.socket::send, peer, data));
  }

  /** A datagram from a peer to a relayed address (RFC 8656 §11.3; on a channel, §12.7). */
  private void onPeerDatagram(RelaySocket socket, InetSocketAddress peer, byte[] data) {
    Instant now = clock.instant();
    send(locked(() -> toClient(socket, peer, data, now)));
  }

  private Optional<Outgoing> toClient(RelaySocket socket, InetSocketAddress peer, byte[] data, Instant now) {
    Allocation a = table.byRelayed(socket.address(), now);
    if (a == null || a.socket != socket) {
      return drop(TurnStats.Counter.DROPPED_NO_ALLOCATION);
    }
    if (data.length > MAX_PAYLOAD) {
      return drop(TurnStats.Counter.DROPPED_MALFORMED);
    }
    if (!a.permits(peer.getAddress(), now)) {
      return drop(TurnStats.Counter.DROPPED_NO_PERMISSION);
    }
    if (!a.bandwidth.tryTake(data.length, now)) {
      return drop(TurnStats.Counter.DROPPED_RATE_LIMITED);
    }
    stats.count(TurnStats.Counter.RELAYED_TO_CLIENT);
    stats.add(TurnStats.Counter.RELAYED_BYTES, data.length);
    OptionalInt channel = a.channels.channelOf(peer, now);
    byte[] wire = channel.isPresent()
        ? ChannelDataCodec.encode(new ChannelData(channel.getAsInt(), data), false)
        : Stun.encode(dataIndication(peer, data));
    return Optional.of(new Outgoing(a.clientSide::send, a.tuple.client(), wire));
  }

  private StunMessage dataIndication(InetSocketAddress peer, byte[] data) {
    TransactionId id = TransactionId.random(indicationIds);
    return StunMessage.of(new StunMessageType(StunConstants.METHOD_DATA, StunClass.INDICATION), id,
        new AddressAttribute.XorPeerAddress(peer), new TurnAttribute.Data(data));
  }

  private Optional<Outgoing> drop(TurnStats.Counter why) {
    stats.count(why);
    return Optional.empty();
  }

  private static void send(Optional<Outgoing> out) {
    out.ifPresent(o -> o.via().send(o.to(), o.data()));
  }

  private <T> T locked(java.util.function.Supplier<T> body) {
    lock.lock();
    try {
      return body.get();
    } finally {
      lock.unlock();
    }
  }
}
