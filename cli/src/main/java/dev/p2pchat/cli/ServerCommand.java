package dev.p2pchat.cli;

import dev.p2pchat.server.ConfigException;
import dev.p2pchat.server.RendezvousServer;
import dev.p2pchat.server.ServerConfig;
import dev.p2pchat.server.ServerConfigLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code p2pchat server}: runs the rendezvous server until interrupted. Settings come from, lowest
 * precedence first: defaults, the JSON file of {@code --config} (or {@code P2PCHAT_CONFIG}),
 * {@code P2PCHAT_<KEY>} environment variables, and the flags below.
 */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = {
      "Run the rendezvous server: signalling (HTTP + WebSocket), STUN and a TURN relay (UDP) and the user registry.",
      "Precedence: flags > environment (P2PCHAT_HTTP_PORT, P2PCHAT_BIND, P2PCHAT_DATA_DIR, ...) > config file > defaults."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:stopped normally", "1:could not start (port in use, registry unusable)", "2:invalid configuration or usage"})
public final class ServerCommand implements Callable<Integer> {
  static final int EXIT_START_FAILED = 1;
  static final int EXIT_CONFIG = 2;

  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "JSON config file (see config/server.json).")
  Path configFile;

  @Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on (default 0.0.0.0).")
  String bind;

  @Option(names = "--http-port", paramLabel = "PORT", description = "Signalling port, HTTP + WebSocket (default 5000; 0 = any free port).")
  String httpPort;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Directory of the registry (default ./data).")
  Path dataDir;

  @Option(names = "--presence-grace-ms", paramLabel = "MS", description = "How long a dropped user still shows online (default 5000).")
  String presenceGraceMs;

  @Option(names = "--stun-port", paramLabel = "PORT", description = "STUN port, UDP, on the bind address (default 3478; 0 = any free port).")
  String stunPort;

  @Option(names = "--stun-alt-address", paramLabel = "ADDR",
      description = "A second IP address of this host: turns on RFC 5780 NAT behaviour discovery (needs --bind ADDR).")
  String stunAltAddress;

  @Option(names = "--stun-alt-port", paramLabel = "PORT", description = "Alternate STUN port with --stun-alt-address (default: STUN port + 1).")
  String stunAltPort;

  @Option(names = "--no-relay", description = "Turn the built-in TURN relay (on the STUN port) off.")
  boolean noRelay;

  @Option(names = "--turn-secret", paramLabel = "SECRET",
      description = "TURN REST API secret shared with the relays (coturn --static-auth-secret; default: generated, kept in DIR/turn-secret).")
  String turnSecret;

  @Option(names = "--turn-url", paramLabel = "URL",
      description = "An external TURN relay to advertise, turn:HOST[:PORT] (repeatable; needs --turn-secret).")
  List<String> turnUrls;

  @Option(names = "--relay-ports", paramLabel = "MIN-MAX", description = "UDP ports of relayed addresses (default 49152-65535).")
  String relayPorts;

  @Option(names = "--relay-ip", paramLabel = "ADDR",
      description = "Address relayed sockets bind and clients are told (default: --bind, or the first non-loopback IPv4 address).")
  String relayIp;

  private final Map<String, String> env;
  private final CountDownLatch stop = new CountDownLatch(1);
  private Consumer<RendezvousServer> onStarted = server -> {};

  public ServerCommand() {
    this(System.getenv());
  }

  /** With an explicit environment, for tests. */
  ServerCommand(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** Tests: called once the server listens. */
  ServerCommand onStarted(Consumer<RendezvousServer> listener) {
    onStarted = listener;
    return this;
  }

  /** Makes a running {@link #call()} stop and return 0. */
  void stop() {
    stop.countDown();
  }

  /** The configuration the flags, environment and config file give. */
  ServerConfig resolveConfig() throws ConfigException {
    Map<String, String> flags = new LinkedHashMap<>();
    putIfSet(flags, "bind", bind);
    putIfSet(flags, "http_port", httpPort);
    putIfSet(flags, "data_dir", dataDir == null ? null : dataDir.toString());
    putIfSet(flags, "presence_grace_ms", presenceGraceMs);
    putIfSet(flags, "stun_port", stunPort);
    putIfSet(flags, "stun_alt_address", stunAltAddress);
    putIfSet(flags, "stun_alt_port", stunAltPort);
    putIfSet(flags, "no_relay", noRelay ? "true" : null);
    putIfSet(flags, "turn_secret", turnSecret);
    putIfSet(flags, "turn_url", turnUrls == null ? null : String.join(",", turnUrls));
    putIfSet(flags, "relay_ports", relayPorts);
    putIfSet(flags, "relay_ip", relayIp);
    Path file = configFile != null ? configFile : envPath("P2PCHAT_CONFIG");
    return ServerConfigLoader.load(file, env, flags);
  }

  @Override
  public Integer call() {
    ServerConfig config;
    try {
      config = resolveConfig();
    } catch (ConfigException e) {
      spec.commandLine().getErr().println("p2pchat server: " + e.getMessage());
      return EXIT_CONFIG;
    }
    RendezvousServer server;
    try {
      server = RendezvousServer.start(config);
    } catch (IOException | RuntimeException e) {
      spec.commandLine().getErr().println("p2pchat server: cannot start: " + e.getMessage());
      return EXIT_START_FAILED;
    }
    Thread hook = new Thread(this::stop, "p2pchat-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try (server) {
      onStarted.accept(server);
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      removeHook(hook);
    }
    return 0;
  }

  private Path envPath(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : Path.of(value);
  }

  private static void putIfSet(Map<String, String> flags, String key, String value) {
    if (value != null) {
      flags.put(key, value);
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down: the hook is what stopped us.
    }
  }
}
