package dev.p2pchat.server.turn;

import dev.p2pchat.protocol.turn.TurnSecret;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How the built-in relay runs.
 *
 * @param realm the REALM of the long-term credentials (RFC 8489 §9.2); clients hash it into their key
 * @param secret the REST API secret (see {@link dev.p2pchat.protocol.turn.RestCredentials})
 * @param relayAddress the address relayed sockets bind to and XOR-RELAYED-ADDRESS names
 * @param ports the ports relayed sockets may bind
 * @param maxAllocationsPerUser more Allocate requests from one user are refused with 486
 * @param bandwidth per allocation, both directions together
 * @param allowLoopbackPeers relay to loopback and the server's own addresses (tests only: see {@link PeerPolicy})
 * @param nonceLifetime how long a NONCE stays valid before 438 Stale Nonce
 */
public record TurnRelayConfig(
    String realm,
    TurnSecret secret,
    InetAddress relayAddress,
    PortRange ports,
    int maxAllocationsPerUser,
    Bandwidth bandwidth,
    boolean allowLoopbackPeers,
    Duration nonceLifetime) {

  public static final String DEFAULT_REALM = "p2pchat";
  /** A chat needs little; this still carries a voice call or a slow file transfer. */
  public static final Bandwidth DEFAULT_BANDWIDTH = Bandwidth.of(512 * 1024);
  public static final int DEFAULT_MAX_ALLOCATIONS_PER_USER = 10;
  /** coturn's --stale-nonce default. */
  public static final Duration DEFAULT_NONCE_LIFETIME = Duration.ofMinutes(10);

  public TurnRelayConfig {
    Objects.requireNonNull(realm, "realm");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(relayAddress, "relayAddress");
    Objects.requireNonNull(ports, "ports");
    Objects.requireNonNull(bandwidth, "bandwidth");
    Objects.requireNonNull(nonceLifetime, "nonceLifetime");
    if (realm.isEmpty()) {
      throw new IllegalArgumentException("the TURN realm must not be empty");
    }
    if (relayAddress.isAnyLocalAddress()) {
      throw new IllegalArgumentException("the relay address must be a specific address: clients are told it");
    }
    if (maxAllocationsPerUser < 1) {
      throw new IllegalArgumentException("at least one allocation per user");
    }
    if (!nonceLifetime.isPositive()) {
      throw new IllegalArgumentException("the nonce lifetime must be positive");
    }
  }

  /** Defaults for everything but the secret and the relay address. */
  public static TurnRelayConfig of(TurnSecret secret, InetAddress relayAddress) {
    return new TurnRelayConfig(DEFAULT_REALM, secret, relayAddress, PortRange.DEFAULT,
        DEFAULT_MAX_ALLOCATIONS_PER_USER, DEFAULT_BANDWIDTH, false, DEFAULT_NONCE_LIFETIME);
  }

  public TurnRelayConfig withRealm(String value) {
    return new TurnRelayConfig(value, secret, relayAddress, ports, maxAllocationsPerUser, bandwidth, allowLoopbackPeers, nonceLifetime);
  }

  public TurnRelayConfig withPorts(PortRange value) {
    return new TurnRelayConfig(realm, secret, relayAddress, value, maxAllocationsPerUser, bandwidth, allowLoopbackPeers, nonceLifetime);
  }

  public TurnRelayConfig withMaxAllocationsPerUser(int value) {
    return new TurnRelayConfig(realm, secret, relayAddress, ports, value, bandwidth, allowLoopbackPeers, nonceLifetime);
  }

  public TurnRelayConfig withBandwidth(Bandwidth value) {
    return new TurnRelayConfig(realm, secret, relayAddress, ports, maxAllocationsPerUser, value, allowLoopbackPeers, nonceLifetime);
  }

  public TurnRelayConfig withAllowLoopbackPeers(boolean value) {
    return new TurnRelayConfig(realm, secret, relayAddress, ports, maxAllocationsPerUser, bandwidth, value, nonceLifetime);
  }

  public TurnRelayConfig withNonceLifetime(Duration value) {
    return new TurnRelayConfig(realm, secret, relayAddress, ports, maxAllocationsPerUser, bandwidth, allowLoopbackPeers, value);
  }
}
