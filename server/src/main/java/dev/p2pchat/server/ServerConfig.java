package dev.p2pchat.server;

import dev.p2pchat.protocol.stun.StunConstants;
import dev.p2pchat.server.signal.RateLimit;
import dev.p2pchat.server.stun.StunServerConfig;
import dev.p2pchat.server.turn.PortRange;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything the rendezvous server is configured with. Built from defaults, a JSON file, the
 * environment and command-line flags by {@link ServerConfigLoader}; {@link ConfigKeys} lists the
 * keys. Tests build it directly: {@code ServerConfig.defaults().toBuilder().httpPort(0)...}.
 */
public record ServerConfig(
    String bind,
    int httpPort,
    Path dataDir,
    Duration presenceGrace,
    RateLimit httpRateLimit,
    RateLimit wsRateLimit,
    List<String> advertiseStun,
    int stunPort,
    Optional<String> stunAltAddress,
    OptionalInt stunAltPort,
    TurnSettings turn) {

  public ServerConfig {
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(presenceGrace, "presenceGrace");
    Objects.requireNonNull(httpRateLimit, "httpRateLimit");
    Objects.requireNonNull(wsRateLimit, "wsRateLimit");
    advertiseStun = List.copyOf(advertiseStun);
    if (httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException("http port out of range: " + httpPort);
    }
    if (presenceGrace.isNegative()) {
      throw new IllegalArgumentException("negative presence grace");
    }
    Objects.requireNonNull(stunAltAddress, "stunAltAddress");
    Objects.requireNonNull(stunAltPort, "stunAltPort");
    Objects.requireNonNull(turn, "turn");
    if (!turn.urls().isEmpty() && turn.secret().isEmpty()) {
      throw new IllegalArgumentException("turn_url needs turn_secret: the external relay checks credentials with it");
    }
    if (stunPort < 0 || stunPort > 65535) {
      throw new IllegalArgumentException("stun port out of range: " + stunPort);
    }
    if (stunAltAddress.isPresent()) {
      checkStunAlternate(bind, stunPort, stunAltAddress.get(), stunAltPort);
    }
  }

  /**
   * The STUN server's settings: UDP on {@code bind}, port {@code stunPort}, and with {@code
   * stunAltAddress} the RFC 5780 alternate address and port. A {@code bind} that is a name, not an
   * address, is looked up here.
   */
  public StunServerConfig stunServerConfig() throws UnknownHostException {
    StunServerConfig stun = StunServerConfig.of(InetAddress.getByName(bind), stunPort);
    if (stunAltAddress.isPresent()) {
      stun = stun.withAlternateAddress(InetAddress.ofLiteral(stunAltAddress.get()));
    }
    return stunAltPort.isPresent() ? stun.withAlternatePort(stunAltPort.getAsInt()) : stun;
  }

  /** Fails early, as a configuration error, on an alternate address the STUN server could not use. */
  private static void checkStunAlternate(String bind, int port, String alternate, OptionalInt alternatePort) {
    InetAddress primary;
    try {
      primary = InetAddress.ofLiteral(bind);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("stun_alt_address needs bind to be an IP address, not " + bind);
    }
    InetAddress other;
    try {
      other = InetAddress.ofLiteral(alternate);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("stun_alt_address must be an IP address, not " + alternate);
    }
    // Building the STUN config runs its checks (same family, two specific addresses, two ports).
    StunServerConfig stun = StunServerConfig.of(primary, port).withAlternateAddress(other);
    if (alternatePort.isPresent()) {
      stun.withAlternatePort(alternatePort.getAsInt());
    }
  }

  /** The defaults of docs/api.md: port 5000 on every address, data in ./data, grace 5 s, STUN on 3478. */
  public static ServerConfig defaults() {
    return new ServerConfig(
        "0.0.0.0",
        5000,
        Path.of("data"),
        Duration.ofSeconds(5),
        // Generous: a client needs a handful of requests per minute; these stop only floods.
        new RateLimit(100, 50),
        new RateLimit(200, 100),
        List.of(),
        StunConstants.DEFAULT_PORT,
        Optional.empty(),
        OptionalInt.empty(),
        TurnSettings.defaults());
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A mutable copy, for the loader and for tests. */
  public static final class Builder {
    private String bind;
    private int httpPort;
    private Path dataDir;
    private Duration presenceGrace;
    private RateLimit httpRateLimit;
    private RateLimit wsRateLimit;
    private List<String> advertiseStun;
    private int stunPort;
    private Optional<String> stunAltAddress;
    private OptionalInt stunAltPort;
    private TurnSettings turn;

    private Builder(ServerConfig c) {
      bind = c.bind;
      httpPort = c.httpPort;
      dataDir = c.dataDir;
      presenceGrace = c.presenceGrace;
      httpRateLimit = c.httpRateLimit;
      wsRateLimit = c.wsRateLimit;
      advertiseStun = c.advertiseStun;
      stunPort = c.stunPort;
      stunAltAddress = c.stunAltAddress;
      stunAltPort = c.stunAltPort;
      turn = c.turn;
    }

    public Builder bind(String value) { bind = value; return this; }
    public Builder httpPort(int value) { httpPort = value; return this; }
    public Builder dataDir(Path value) { dataDir = value; return this; }
    public Builder presenceGrace(Duration value) { presenceGrace = value; return this; }
    public Builder httpRateLimit(RateLimit value) { httpRateLimit = value; return this; }
    public Builder wsRateLimit(RateLimit value) { wsRateLimit = value; return this; }
    public Builder advertiseStun(List<String> value) { advertiseStun = value; return this; }
    public Builder stunPort(int value) { stunPort = value; return this; }
    public Builder stunAltAddress(String value) { stunAltAddress = Optional.of(value); return this; }
    public Builder stunAltPort(int value) { stunAltPort = OptionalInt.of(value); return this; }
    public Builder turn(TurnSettings value) { turn = value; return this; }
    public Builder noRelay(boolean value) { turn = turn.withRelay(!value); return this; }
    public Builder turnSecret(String value) { turn = turn.withSecret(value); return this; }
    public Builder turnUrls(List<String> value) { turn = turn.withUrls(value); return this; }
    public Builder turnRealm(String value) { turn = turn.withRealm(value); return this; }
    public Builder turnTtl(Duration value) { turn = turn.withCredentialTtl(value); return this; }
    public Builder relayPorts(PortRange value) { turn = turn.withRelayPorts(value); return this; }
    public Builder relayIp(String value) { turn = turn.withRelayIp(value); return this; }
    public Builder relayUserQuota(int value) { turn = turn.withUserQuota(value); return this; }
    public Builder relayBandwidth(int value) { turn = turn.withBandwidth(value); return this; }
    public Builder relayAllowLoopbackPeers(boolean value) { turn = turn.withAllowLoopbackPeers(value); return this; }

    public Builder httpRateBurst(int burst) { return httpRateLimit(new RateLimit(burst, httpRateLimit.perSecond())); }
    public Builder httpRatePerSecond(double rate) { return httpRateLimit(new RateLimit(httpRateLimit.burst(), rate)); }
    public Builder wsRateBurst(int burst) { return wsRateLimit(new RateLimit(burst, wsRateLimit.perSecond())); }
    public Builder wsRatePerSecond(double rate) { return wsRateLimit(new RateLimit(wsRateLimit.burst(), rate)); }

    public ServerConfig build() {
      return new ServerConfig(bind, httpPort, dataDir, presenceGrace, httpRateLimit, wsRateLimit, advertiseStun,
          stunPort, stunAltAddress, stunAltPort, turn);
    }
  }
}
