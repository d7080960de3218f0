package dev.p2pchat.server;

import dev.p2pchat.server.registry.RegistryStore;
import dev.p2pchat.server.registry.SqliteRegistryStore;
import dev.p2pchat.server.signal.ExecutorScheduler;
import dev.p2pchat.server.signal.HttpApi;
import dev.p2pchat.server.signal.PresenceHub;
import dev.p2pchat.server.signal.RateLimiter;
import dev.p2pchat.server.signal.Scheduler;
import dev.p2pchat.server.signal.SignalDispatcher;
import dev.p2pchat.server.signal.SignalLimits;
import dev.p2pchat.server.signal.SignalSocket;
import dev.p2pchat.server.stun.StunServer;
import dev.p2pchat.server.turn.TurnCredentialIssuer;
import dev.p2pchat.server.turn.TurnRelay;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rendezvous server: one process holding the registry, signalling (HTTP + WebSocket), the
 * STUN server on UDP and the built-in TURN relay sharing the STUN socket.
 *
 * <pre>{@code
 * try (RendezvousServer server = RendezvousServer.start(config)) {
 *   int port = server.httpPort(); // the bound port, also when config.httpPort() is 0
 * }
 * }</pre>
 *
 * <p>Start-up is a sequence of components, each pushed on a stack as it starts; {@link #close()}
 * (and a failed start) closes them in reverse order. A new component, such as the STUN server, is
 * started in {@link Builder#start()} and pushed on the same stack.
 */
public final class RendezvousServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RendezvousServer.class);

  /** Threads that run timers (presence grace); one is enough. */
  private static final String TIMER_THREAD = "p2pchat-timers";

  private final ServerConfig config;
  private final RegistryStore registry;
  private final Javalin http;
  private final StunServer stun;
  private final Optional<TurnRelay> relay;
  private final Deque<AutoCloseable> started;

  private RendezvousServer(ServerConfig config, RegistryStore registry, Javalin http, StunServer stun,
                           Optional<TurnRelay> relay, Deque<AutoCloseable> started) {
    this.config = config;
    this.registry = registry;
    this.http = http;
    this.stun = stun;
    this.relay = relay;
    this.started = started;
  }

  /** Starts a server with the system clock, a fresh SecureRandom and the SQLite registry. */
  public static RendezvousServer start(ServerConfig config) throws IOException {
    return builder(config).start();
  }

  /** For tests and embedding: inject the clock, randomness, registry or timer. */
  public static Builder builder(ServerConfig config) {
    return new Builder(config);
  }

  public ServerConfig config() {
    return config;
  }

  /** The port signalling listens on (the real one when configured as 0). */
  public int httpPort() {
    return http.port();
  }

  public InetSocketAddress httpAddress() {
    return new InetSocketAddress(config.bind(), httpPort());
  }

  /**
   * The base URI to reach signalling from this host: {@code http://127.0.0.1:PORT} when bound to
   * every address, else the bound address.
   */
  public URI httpUri() {
    String host = config.bind().equals("0.0.0.0") || config.bind().equals("::") ? "127.0.0.1" : config.bind();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + httpPort());
  }

  public RegistryStore registry() {
    return registry;
  }

  /** The STUN server on UDP: its bound addresses ({@code stun().primaryAddress()}) and counters. */
  public StunServer stun() {
    return stun;
  }

  /** The built-in TURN relay on the STUN port (its allocations and counters); empty with {@code no_relay}. */
  public Optional<TurnRelay> relay() {
    return relay;
  }

  @Override
  public void close() {
    closeAll(started);
    log.info("server stopped");
  }

  private static void closeAll(Deque<AutoCloseable> resources) {
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        log.warn("error while stopping", e);
      }
    }
  }

  /** Assembles and starts a server; every dependency with logic on time or chance is injectable. */
  public static final class Builder {
    private final ServerConfig config;
    private InstantSource clock = InstantSource.system();
    private SecureRandom random;
    private RegistryStore registry;
    private Scheduler scheduler;

    private Builder(ServerConfig config) {
      this.config = Objects.requireNonNull(config);
    }

    public Builder clock(InstantSource value) { clock = value; return this; }
    public Builder random(SecureRandom value) { random = value; return this; }
    /** A registry owned by the caller (not closed with the server); default: SQLite in the data dir. */
    public Builder registry(RegistryStore value) { registry = value; return this; }
    /** A timer owned by the caller; default: one daemon thread. */
    public Builder scheduler(Scheduler value) { scheduler = value; return this; }

    public RendezvousServer start() throws IOException {
      Deque<AutoCloseable> started = new ArrayDeque<>();
      try {
        RegistryStore store = registry != null ? registry : push(started, SqliteRegistryStore.open(config.dataDir(), clock));
        Scheduler timers = scheduler != null ? scheduler : push(started, new ExecutorScheduler(TIMER_THREAD));
        SecureRandom rng = random != null ? random : new SecureRandom();
        TurnSetup turn = TurnSetup.create(config, clock, rng);
        turn.relay().ifPresent(r -> push(started, r));
        StunServer stun = push(started, StunServer.start(config.stunServerConfig(), turn.relay().map(r -> r)));
        started.push(turn);
        turn.started(stun.endpoints(), stun.primaryAddress().getPort(), timers);
        Javalin http = startSignalling(store, timers, rng, turn.issuer());
        started.push(http::stop);
        log.info("signalling on {}:{}, STUN on udp {}, TURN relays {}, registry {} users, data in {}",
            config.bind(), http.port(), stun.primaryAddress().getPort(), turn.urls(), store.count(),
            config.dataDir().toAbsolutePath());
        return new RendezvousServer(config, store, http, stun, turn.relay(), started);
      } catch (IOException | RuntimeException e) {
        closeAll(started);
        throw e;
      }
    }

    private Javalin startSignalling(RegistryStore store, Scheduler timers, SecureRandom rng, TurnCredentialIssuer turn)
        throws IOException {
      PresenceHub hub = new PresenceHub(timers, config.presenceGrace(), user -> store.touch(user, clock.instant()));
      var dispatcher = new SignalDispatcher(store, hub, clock, config::advertiseStun, user -> turn.issue(user.value()));
      var socket = new SignalSocket(dispatcher, new RateLimiter(config.wsRateLimit(), clock, 100_000), clock, rng);
      var api = new HttpApi(store, hub, new RateLimiter(config.httpRateLimit(), clock, 100_000), clock, rng);
      Javalin app = Javalin.create(cfg -> {
        cfg.startup.showJavalinBanner = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        cfg.http.maxRequestSize = SignalLimits.MAX_HTTP_BODY_BYTES;
        cfg.concurrency.useVirtualThreads = true;
        api.register(cfg.routes);
        cfg.routes.ws("/v1/ws", socket::configure);
      });
      try {
        return app.start(config.bind(), config.httpPort());
      } catch (RuntimeException e) {
        app.stop();
        throw new IOException("cannot listen on " + config.bind() + ":" + config.httpPort() + ": " + rootMessage(e), e);
      }
    }

    private static <T extends AutoCloseable> T push(Deque<AutoCloseable> started, T resource) {
      started.push(resource);
      return resource;
    }

    private static String rootMessage(Throwable e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      return root.getMessage() == null ? root.toString() : root.getMessage();
    }
  }
}
