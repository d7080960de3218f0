package dev.p2pchat.server;

import dev.p2pchat.server.turn.PortRange;
import dev.p2pchat.server.turn.TurnRelayConfig;
import dev.p2pchat.server.turn.TurnUrl;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The TURN part of the server's configuration (docs/api.md, "Configuration"): the built-in relay on
 * the STUN port, the credentials signalling hands out, and external relays (coturn) to advertise.
 *
 * @param relay whether the built-in relay runs ({@code --no-relay} turns it off)
 * @param secret the REST API secret shared with the relays; when empty, one is generated and kept in
 *     the data directory (file {@code turn-secret}) — fine for the built-in relay, but coturn and
 *     other server instances need it configured
 * @param urls external relays to advertise, {@code turn:HOST[:PORT][?transport=udp]}
 * @param realm the REALM of the long-term credentials
 * @param relayPorts the UDP ports relayed sockets bind
 * @param relayIp the address relayed sockets bind and clients are told; default: the bind address, or
 *     with a wildcard bind the host's first non-loopback IPv4 address
 * @param credentialTtl how long issued credentials are valid
 * @param userQuota allocations one user may hold at once
 * @param bandwidthBytesPerSecond per allocation, both directions
 * @param allowLoopbackPeers relay to loopback and the server's own addresses (tests only)
 */
public record TurnSettings(
    boolean relay,
    Optional<String> secret,
    List<String> urls,
    String realm,
    PortRange relayPorts,
    Optional<String> relayIp,
    Duration credentialTtl,
    int userQuota,
    int bandwidthBytesPerSecond,
    boolean allowLoopbackPeers) {

  /** A day, as in the TURN REST API draft's example. */
  public static final Duration DEFAULT_CREDENTIAL_TTL = Duration.ofDays(1);

  public TurnSettings {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(realm, "realm");
    Objects.requireNonNull(relayPorts, "relayPorts");
    Objects.requireNonNull(relayIp, "relayIp");
    Objects.requireNonNull(credentialTtl, "credentialTtl");
    urls = List.copyOf(urls);
    urls.forEach(TurnUrl::parse); // a bad URL is a configuration error now, not a broken client later
    relayIp.ifPresent(ip -> {
      if (java.net.InetAddress.ofLiteral(ip).isAnyLocalAddress()) {
        throw new IllegalArgumentException("relay_ip must be a specific address, not " + ip);
      }
    });
    if (realm.isBlank()) {
      throw new IllegalArgumentException("turn_realm must not be empty");
    }
    if (credentialTtl.toSeconds() < 60) {
      throw new IllegalArgumentException("turn_ttl_s must be at least 60 seconds");
    }
  }

  public static TurnSettings defaults() {
    return new TurnSettings(true, Optional.empty(), List.of(), TurnRelayConfig.DEFAULT_REALM, PortRange.DEFAULT,
        Optional.empty(), DEFAULT_CREDENTIAL_TTL, TurnRelayConfig.DEFAULT_MAX_ALLOCATIONS_PER_USER,
        (int) TurnRelayConfig.DEFAULT_BANDWIDTH.bytesPerSecond(), false);
  }

  TurnSettings withRelay(boolean v) {
    return new TurnSettings(v, secret, urls, realm, relayPorts, relayIp, credentialTtl, userQuota, bandwidthBytesPerSecond, allowLoopbackPeers);
  }

  TurnSettings withSecret(String v) {
    return new TurnSettings(relay, Optional.of(v), urls, realm, relayPorts, relayIp, credentialTtl, userQuota, bandwidthBytesPerSecond, allowLoopbackPeers);
  }

  TurnSettings withUrls(List<String> v) {
    return new TurnSettings(relay, secret, v, realm, relayPorts, relayIp, credentialTtl, userQuota, bandwidthBytesPerSecond, allowLoopbackPeers);
  }

  TurnSettings withRealm(String v) {
    return new TurnSettings(relay, secret, urls, v, relayPorts, relayIp, credentialTtl, userQuota, bandwidthBytesPerSecond, allowLoopbackPeers);
  }

  TurnSettings withRelayPorts(PortRange v) {
    return new TurnSettings(relay, secret, urls, realm, v, relayIp, credentialTtl, userQuota, bandwidthBytesPerSecond, allowLoopbackPeers);
  }

  TurnSettings withRelayIp(String v) {
    return new TurnSettings(relay, secret, urls, realm, relayPorts, Optional.of(v), credentialTtl, userQuota, bandwidthBytesPerSecond, allowLoopbackPeers);
  }

  TurnSettings withCredentialTtl(Duration v) {
    return new TurnSettings(relay, secret, urls, realm, relayPorts, relayIp, v, userQuota, bandwidthBytesPerSecond, allowLoopbackPeers);
  }

  TurnSettings withUserQuota(int v) {
    return new TurnSettings(relay, secret, urls, realm, relayPorts, relayIp, credentialTtl, v, bandwidthBytesPerSecond, allowLoopbackPeers);
  }

  TurnSettings withBandwidth(int v) {
    return new TurnSettings(relay, secret, urls, realm, relayPorts, relayIp, credentialTtl, userQuota, v, allowLoopbackPeers);
  }

  TurnSettings withAllowLoopbackPeers(boolean v) {
    return new TurnSettings(relay, secret, urls, realm, relayPorts, relayIp, credentialTtl, userQuota, bandwidthBytesPerSecond, v);
  }
}
