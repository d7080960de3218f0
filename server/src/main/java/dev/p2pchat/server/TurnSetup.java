package dev.p2pchat.server;

import dev.p2pchat.protocol.turn.TurnSecret;
import dev.p2pchat.server.signal.Scheduler;
import dev.p2pchat.server.turn.Bandwidth;
import dev.p2pchat.server.turn.TurnCredentialIssuer;
import dev.p2pchat.server.turn.TurnRelay;
import dev.p2pchat.server.turn.TurnRelayConfig;
import dev.p2pchat.server.turn.TurnSecretFile;
import dev.p2pchat.server.turn.TurnUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns {@link TurnSettings} into running parts: the secret (configured, or generated once and kept
 * in the data directory), the built-in relay handed to the STUN server, its periodic sweep, and the
 * credential issuer signalling asks. Used by {@link RendezvousServer.Builder#start()} in two steps,
 * because the built-in relay's URL names the STUN port, known only once STUN listens.
 */
final class TurnSetup implements AutoCloseable {
  /** How often expired allocations give their sockets back; expiry itself is exact (by the clock). */
  static final Duration SWEEP_INTERVAL = Duration.ofSeconds(5);

  private final TurnSettings settings;
  private final InstantSource clock;
  private final TurnSecret secret;
  private final Optional<TurnRelay> relay;
  private final AtomicReference<List<TurnUrl>> urls = new AtomicReference<>(List.of());
  private volatile boolean closed;

  private TurnSetup(TurnSettings settings, InstantSource clock, TurnSecret secret, Optional<TurnRelay> relay) {
    this.settings = settings;
    this.clock = clock;
    this.secret = secret;
    this.relay = relay;
  }

  /** Reads or makes the secret and creates (but does not start) the built-in relay unless it is off. */
  static TurnSetup create(ServerConfig config, InstantSource clock, SecureRandom random) throws IOException {
    TurnSettings s = config.turn();
    TurnSecret secret;
    if (s.secret().isPresent()) {
      secret = TurnSecret.of(s.secret().get());
    } else if (s.relay()) {
      secret = TurnSecretFile.loadOrCreate(config.dataDir(), random);
    } else {
      secret = TurnSecret.generate(random); // nothing is advertised: never used, so never stored
    }
    Optional<TurnRelay> relay = Optional.empty();
    if (s.relay()) {
      relay = Optional.of(TurnRelay.create(relayConfig(s, secret, relayAddress(config)), clock, random));
    }
    return new TurnSetup(s, clock, secret, relay);
  }

  static TurnRelayConfig relayConfig(TurnSettings s, TurnSecret secret, InetAddress relayAddress) {
    return TurnRelayConfig.of(secret, relayAddress)
        .withRealm(s.realm())
        .withPorts(s.relayPorts())
        .withMaxAllocationsPerUser(s.userQuota())
        .withBandwidth(Bandwidth.of(s.bandwidthBytesPerSecond()))
        .withAllowLoopbackPeers(s.allowLoopbackPeers());
  }

  /** The relay for the STUN server, if it runs. */
  Optional<TurnRelay> relay() {
    return relay;
  }

  /**
   * STUN listens: the relay learns its own sockets (never relayed to), the advertised list gets the
   * built-in relay ({@code turn:RELAY_IP:STUN_PORT}) before the configured ones, and the sweep starts.
   */
  void started(List<InetSocketAddress> stunSockets, int stunPort, Scheduler timers) {
    List<TurnUrl> all = new ArrayList<>();
    relay.ifPresent(r -> {
      r.listeningOn(stunSockets);
      all.add(new TurnUrl(host(r.config().relayAddress()), stunPort));
      sweepEvery(timers, r);
    });
    settings.urls().stream().map(TurnUrl::parse).forEach(all::add);
    urls.set(List.copyOf(all));
  }

  /** What signalling hands out: credentials for {@code user}, or empty when no relay is advertised. */
  TurnCredentialIssuer issuer() {
    return new TurnCredentialIssuer(secret, urls::get, settings.credentialTtl(), clock);
  }

  List<TurnUrl> urls() {
    return urls.get();
  }

  private void sweepEvery(Scheduler timers, TurnRelay relay) {
    timers.schedule(SWEEP_INTERVAL, () -> {
      if (!closed) {
        relay.sweep();
        sweepEvery(timers, relay);
      }
    });
  }

  /** Stops the sweep (the timer may belong to the caller and outlive the server). */
  @Override
  public void close() {
    closed = true;
  }

  /**
   * Where relayed sockets bind and what clients are told: {@code relay_ip}; else the bind address when
   * it is a specific one; else the host's first non-loopback IPv4 address; else loopback.
   */
  static InetAddress relayAddress(ServerConfig config) throws UnknownHostException {
    if (config.turn().relayIp().isPresent()) {
      return InetAddress.ofLiteral(config.turn().relayIp().get());
    }
    InetAddress bind = InetAddress.getByName(config.bind());
    if (!bind.isAnyLocalAddress()) {
      return bind;
    }
    return firstPublicIpv4().orElse(InetAddress.getLoopbackAddress());
  }

  private static Optional<InetAddress> firstPublicIpv4() {
    try {
      return NetworkInterface.networkInterfaces()
          .filter(TurnSetup::isUp)
          .flatMap(NetworkInterface::inetAddresses)
          .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
          .findFirst();
    } catch (SocketException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isUp(NetworkInterface i) {
    try {
      return i.isUp();
    } catch (SocketException e) {
      return false;
    }
  }

  private static String host(InetAddress a) {
    String text = a.getHostAddress();
    return text.contains(":") ? "[" + text + "]" : text;
  }
}
