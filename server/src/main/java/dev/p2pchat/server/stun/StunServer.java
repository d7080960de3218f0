package dev.p2pchat.server.stun;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The STUN server on UDP: one {@link DatagramChannel} per endpoint (one, or four with an alternate
 * address), each read by its own virtual thread that hands datagrams to a {@link PacketDispatcher}.
 * Replies may leave from another endpoint's channel (CHANGE-REQUEST); channels are safe to send on
 * from several threads.
 *
 * <pre>{@code
 * try (StunServer stun = StunServer.start(StunServerConfig.defaults())) {
 *   stun.stats().answered();
 * }
 * }</pre>
 */
public final class StunServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StunServer.class);

  /** The largest UDP payload: nothing is truncated, and the decoder sees every datagram whole. */
  private static final int MAX_DATAGRAM = 65_536;
  /** With ephemeral ports the alternate address may have the port taken; try a few more pairs. */
  private static final int BIND_ATTEMPTS = 20;
  private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(2);

  private final StunServerConfig config;
  private final Topology topology;
  private final Map<InetSocketAddress, DatagramChannel> channels;
  private final StunServerStats stats = new StunServerStats();
  private final PacketDispatcher dispatcher;
  private final List<Thread> readers = new ArrayList<>();

  private StunServer(StunServerConfig config, Topology topology, Map<InetSocketAddress, DatagramChannel> channels, Optional<RelayHandler> relay) {
    this.config = config;
    this.topology = topology;
    this.channels = channels;
    this.dispatcher = new PacketDispatcher(new BindingResponder(topology), relay, stats, this::send);
  }

  /** Binds every endpoint and starts reading; Binding only. */
  public static StunServer start(StunServerConfig config) throws IOException {
    return start(config, Optional.empty());
  }

  /** Binds every endpoint and starts reading; non-Binding STUN and ChannelData go to {@code relay}. */
  public static StunServer start(StunServerConfig config, Optional<RelayHandler> relay) throws IOException {
    Bound bound = bind(config);
    StunServer server = new StunServer(config, bound.topology(), bound.channels(), relay);
    server.channels.forEach((endpoint, channel) -> server.readers.add(
        Thread.ofVirtual().name("stun-" + endpoint).start(() -> server.read(channel, endpoint))));
    log.info("STUN on {}{}", bound.topology().endpoints(),
        config.behaviorDiscovery() ? " (RFC 5780 behaviour discovery)" : "");
    return server;
  }

  public StunServerConfig config() {
    return config;
  }

  /** (A1, P1) with the real port: where clients send Binding requests. */
  public InetSocketAddress primaryAddress() {
    return topology.primary();
  }

  /** Every endpoint listened on, the primary first; four with an alternate address. */
  public List<InetSocketAddress> endpoints() {
    return topology.endpoints();
  }

  public StunServerStats.Snapshot stats() {
    return stats.snapshot();
  }

  @Override
  public void close() {
    for (DatagramChannel channel : channels.values()) {
      try {
        channel.close(); // wakes the reader blocked in receive
      } catch (IOException e) {
        log.warn("closing a STUN socket", e);
      }
    }
    for (Thread reader : readers) {
      try {
        if (!reader.join(JOIN_TIMEOUT)) {
          log.warn("STUN reader {} did not stop", reader.getName());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void read(DatagramChannel channel, InetSocketAddress local) {
    ByteBuffer buf = ByteBuffer.allocate(MAX_DATAGRAM);
    while (channel.isOpen()) {
      buf.clear();
      InetSocketAddress client;
      try {
        client = (InetSocketAddress) channel.receive(buf);
      } catch (ClosedChannelException closed) {
        return;
      } catch (IOException e) {
        log.warn("receiving on {}", local, e);
        continue;
      }
      try {
        dispatcher.handle(buf.array(), buf.position(), client, local);
      } catch (RuntimeException e) {
        // A bug must cost one datagram, not the socket.
        log.error("handling a datagram from {} on {}", client, local, e);
      }
    }
  }

  private void send(InetSocketAddress from, InetSocketAddress to, byte[] datagram) {
    DatagramChannel channel = channels.get(from);
    try {
      channel.send(ByteBuffer.wrap(datagram), to);
    } catch (IOException e) {
      stats.sendFailure();
      log.debug("sending {} bytes from {} to {}: {}", datagram.length, from, to, e.toString());
    }
  }

  private record Bound(Topology topology, Map<InetSocketAddress, DatagramChannel> channels) {}

  private static Bound bind(StunServerConfig config) throws IOException {
    boolean ephemeral = config.port() == 0 || config.alternatePort() == 0;
    for (int attempt = 1; ; attempt++) {
      try {
        return config.behaviorDiscovery() ? bindFour(config) : bindOne(config);
      } catch (BindException e) {
        if (!ephemeral || !config.behaviorDiscovery() || attempt == BIND_ATTEMPTS) {
          throw bindFailure(config, e);
        }
      }
    }
  }

  private static Bound bindOne(StunServerConfig config) throws IOException {
    DatagramChannel channel = open(config.bindAddress(), config.port());
    Topology topology = new Topology(config.bindAddress(), port(channel), Optional.empty(), 0);
    return new Bound(topology, Map.of(topology.primary(), channel));
  }

  /** (A1, P1) and (A1, P2) first, which fixes the ports, then the same ports on A2. */
  private static Bound bindFour(StunServerConfig config) throws IOException {
    InetAddress a1 = config.bindAddress();
    InetAddress a2 = config.alternateAddress().orElseThrow();
    List<DatagramChannel> opened = new ArrayList<>();
    try {
      DatagramChannel primary = keep(opened, open(a1, config.port()));
      DatagramChannel otherPort = keep(opened, open(a1, config.alternatePort()));
      int p1 = port(primary);
      int p2 = port(otherPort);
      keep(opened, open(a2, p1));
      keep(opened, open(a2, p2));
      Topology topology = new Topology(a1, p1, Optional.of(a2), p2);
      Map<InetSocketAddress, DatagramChannel> channels = new LinkedHashMap<>();
      List<InetSocketAddress> endpoints = topology.endpoints();
      for (int i = 0; i < endpoints.size(); i++) {
        channels.put(endpoints.get(i), opened.get(i));
      }
      return new Bound(topology, channels);
    } catch (IOException | RuntimeException e) {
      for (DatagramChannel channel : opened) {
        channel.close();
      }
      throw e;
    }
  }

  private static DatagramChannel keep(List<DatagramChannel> opened, DatagramChannel channel) {
    opened.add(channel);
    return channel;
  }

  private static DatagramChannel open(InetAddress address, int port) throws IOException {
    ProtocolFamily family = address instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    DatagramChannel channel = DatagramChannel.open(family);
    try {
      return channel.bind(new InetSocketAddress(address, port));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static int port(DatagramChannel channel) throws IOException {
    return ((InetSocketAddress) channel.getLocalAddress()).getPort();
  }

  private static IOException bindFailure(StunServerConfig config, BindException e) {
    String where = config.bindAddress().getHostAddress() + ":" + config.port()
        + config.alternateAddress().map(a -> " and " + a.getHostAddress() + ", port " + config.alternatePort()).orElse("");
    return new BindException("cannot listen for STUN on " + where + ": " + e.getMessage());
  }
}
