package dev.p2pchat.server;

import dev.p2pchat.server.signal.RateLimit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

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
    List<String> advertiseStun) {

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
  }

  /** The defaults of docs/api.md: port 5000 on every address, data in ./data, grace 5 s. */
  public static ServerConfig defaults() {
    return new ServerConfig(
        "0.0.0.0",
        5000,
        Path.of("data"),
        Duration.ofSeconds(5),
        // Generous: a client needs a handful of requests per minute; these stop only floods.
        new RateLimit(100, 50),
        new RateLimit(200, 100),
        List.of());
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

    private Builder(ServerConfig c) {
      bind = c.bind;
      httpPort = c.httpPort;
      dataDir = c.dataDir;
      presenceGrace = c.presenceGrace;
      httpRateLimit = c.httpRateLimit;
      wsRateLimit = c.wsRateLimit;
      advertiseStun = c.advertiseStun;
    }

    public Builder bind(String value) { bind = value; return this; }
    public Builder httpPort(int value) { httpPort = value; return this; }
    public Builder dataDir(Path value) { dataDir = value; return this; }
    public Builder presenceGrace(Duration value) { presenceGrace = value; return this; }
    public Builder httpRateLimit(RateLimit value) { httpRateLimit = value; return this; }
    public Builder wsRateLimit(RateLimit value) { wsRateLimit = value; return this; }
    public Builder advertiseStun(List<String> value) { advertiseStun = value; return this; }

    public Builder httpRateBurst(int burst) { return httpRateLimit(new RateLimit(burst, httpRateLimit.perSecond())); }
    public Builder httpRatePerSecond(double rate) { return httpRateLimit(new RateLimit(httpRateLimit.burst(), rate)); }
    public Builder wsRateBurst(int burst) { return wsRateLimit(new RateLimit(burst, wsRateLimit.perSecond())); }
    public Builder wsRatePerSecond(double rate) { return wsRateLimit(new RateLimit(wsRateLimit.burst(), rate)); }

    public ServerConfig build() {
      return new ServerConfig(bind, httpPort, dataDir, presenceGrace, httpRateLimit, wsRateLimit, advertiseStun);
    }
  }
}
