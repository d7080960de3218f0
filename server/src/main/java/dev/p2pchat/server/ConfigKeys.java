package dev.p2pchat.server;

import java.util.List;
import java.util.Optional;

/**
 * Every configuration key of the server, in one table (docs/api.md, "Configuration"). Adding a
 * setting is one line here plus its field in {@link ServerConfig}.
 */
public final class ConfigKeys {
  private ConfigKeys() {}

  public static final List<ConfigKey<?>> ALL = List.of(
      new ConfigKey<>("bind", ValueType.TEXT, ServerConfig.Builder::bind,
          "address to listen on (0.0.0.0: every IPv4 address)"),
      new ConfigKey<>("http_port", ValueType.PORT, ServerConfig.Builder::httpPort,
          "signalling port, HTTP and WebSocket (0: any free port)"),
      new ConfigKey<>("data_dir", ValueType.PATH, ServerConfig.Builder::dataDir,
          "directory of the registry (registry.db)"),
      new ConfigKey<>("presence_grace_ms", ValueType.MILLIS, ServerConfig.Builder::presenceGrace,
          "how long a dropped user still shows online"),
      new ConfigKey<>("http_rate_burst", ValueType.POSITIVE_INT, ServerConfig.Builder::httpRateBurst,
          "HTTP requests one address may make at once"),
      new ConfigKey<>("http_rate_per_second", ValueType.POSITIVE_NUMBER, ServerConfig.Builder::httpRatePerSecond,
          "HTTP requests per second one address may sustain"),
      new ConfigKey<>("ws_rate_burst", ValueType.POSITIVE_INT, ServerConfig.Builder::wsRateBurst,
          "WebSocket connections + messages one address may send at once"),
      new ConfigKey<>("ws_rate_per_second", ValueType.POSITIVE_NUMBER, ServerConfig.Builder::wsRatePerSecond,
          "WebSocket connections + messages per second one address may sustain"),
      new ConfigKey<>("advertise_stun", ValueType.TEXT_LIST, ServerConfig.Builder::advertiseStun,
          "STUN servers (host:port) told to clients in welcome"),
      new ConfigKey<>("stun_port", ValueType.PORT, ServerConfig.Builder::stunPort,
          "STUN port, UDP, on the bind address (0: any free port)"),
      new ConfigKey<>("stun_alt_address", ValueType.TEXT, ServerConfig.Builder::stunAltAddress,
          "a second IP address of this host: turns on RFC 5780 NAT behaviour discovery (bind must be an IP address)"),
      new ConfigKey<>("stun_alt_port", ValueType.PORT, ServerConfig.Builder::stunAltPort,
          "the alternate STUN port used with stun_alt_address (default: stun_port + 1)"),
      new ConfigKey<>("no_relay", ValueType.BOOLEAN, ServerConfig.Builder::noRelay,
          "turn the built-in TURN relay off (credentials are still issued for turn_url relays)"),
      new ConfigKey<>("turn_secret", ValueType.TEXT, ServerConfig.Builder::turnSecret,
          "TURN REST API secret (coturn --static-auth-secret); default: generated, kept in data_dir/turn-secret"),
      new ConfigKey<>("turn_url", ValueType.TEXT_LIST, ServerConfig.Builder::turnUrls,
          "external TURN relays to advertise, turn:HOST[:PORT][?transport=udp]"),
      new ConfigKey<>("turn_realm", ValueType.TEXT, ServerConfig.Builder::turnRealm,
          "realm of the TURN long-term credentials"),
      new ConfigKey<>("turn_ttl_s", ValueType.SECONDS, ServerConfig.Builder::turnTtl,
          "how long issued TURN credentials are valid, in seconds"),
      new ConfigKey<>("relay_ports", ValueType.PORT_RANGE, ServerConfig.Builder::relayPorts,
          "UDP ports of relayed addresses, MIN-MAX"),
      new ConfigKey<>("relay_ip", ValueType.TEXT, ServerConfig.Builder::relayIp,
          "address relayed sockets bind to and clients are told (default: bind, or the first non-loopback IPv4 address)"),
      new ConfigKey<>("relay_user_quota", ValueType.POSITIVE_INT, ServerConfig.Builder::relayUserQuota,
          "relay allocations one user may hold at once"),
      new ConfigKey<>("relay_bandwidth", ValueType.POSITIVE_INT, ServerConfig.Builder::relayBandwidth,
          "bytes per second one relay allocation may carry, both directions"),
      new ConfigKey<>("relay_allow_loopback_peers", ValueType.BOOLEAN, ServerConfig.Builder::relayAllowLoopbackPeers,
          "let the relay send to loopback and this host's addresses (tests only; never in production)"));

  public static Optional<ConfigKey<?>> byName(String name) {
    return ALL.stream().filter(k -> k.name().equals(name)).findFirst();
  }
}
