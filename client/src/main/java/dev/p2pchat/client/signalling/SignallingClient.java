package dev.p2pchat.client.signalling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p2pchat.client.identity.Identity;
import dev.p2pchat.protocol.identity.Username;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of the signalling API (docs/api.md) over the JDK's WebSocket: authenticates with
 * the user's identity, then offers {@link #lookup}, {@link #signal} and {@link #watch}, and reports
 * incoming signals and presence to a {@link SignallingListener}.
 *
 * <p>When the connection drops or the server is down it reconnects by itself after a {@link Backoff}
 * delay, authenticates again and re-sends its watch list. Requests made while disconnected fail at
 * once with {@link SignallingException.NotConnected}; requests in flight when the connection drops
 * fail with {@link SignallingException.ConnectionLost}. The caller (the chat client) decides whether
 * to retry.
 *
 * <pre>
 *   CONNECTING ─open─▶ AUTHENTICATING ─welcome─▶ READY
 *       ▲                    │                     │
 *       └──── WAITING ◀──────┴──── dropped ────────┘      any ─close()/fatal error─▶ CLOSED
 * </pre>
 *
 * <p>All state is owned by one thread (the {@code loop}); socket callbacks and requests are posted to
 * it. Futures complete and the listener is called on that thread: dependents must not block.
 */
public final class SignallingClient implements AutoCloseable {
  /** docs/api.md: a signal payload is at most 16 KiB encoded. */
  public static final int MAX_PAYLOAD_BYTES = 16 * 1024;

  private static final Logger log = LoggerFactory.getLogger(SignallingClient.class);

  public enum State { CONNECTING, AUTHENTICATING, READY, WAITING, CLOSED }

  private record Pending(CompletableFuture<Object> future, Class<?> answer, String what) {}

  private final URI uri;
  private final Identity identity;
  private final SignallingListener listener;
  private final SignallingOptions options;
  private final HttpClient http;
  private final ScheduledExecutorService loop;
  private final ServerMessageParser parser;
  private final ClientMessages messages;
  private final CompletableFuture<ServerMessage.Welcome> firstWelcome = new CompletableFuture<>();

  // Owned by the loop thread.
  private State state = State.CONNECTING;
  private int generation;
  private int attempt;
  private SocketWriter writer;
  private long nextId;
  private Instant lastHeard = Instant.EPOCH;
  private ScheduledFuture<?> pinger;
  private final Map<String, Pending> pending = new HashMap<>();
  private final Set<Username> watched = new LinkedHashSet<>();
  private volatile int malformed;

  public SignallingClient(
      URI server, Identity identity, SignallingListener listener, SignallingOptions options) {
    this.uri = webSocketUri(server);
    this.identity = identity;
    this.listener = listener;
    this.options = options;
    this.http = HttpClient.newBuilder().connectTimeout(options.connectTimeout()).build();
    this.loop = options.newLoop();
    ObjectMapper json = new ObjectMapper();
    this.parser = new ServerMessageParser(json);
    this.messages = new ClientMessages(json);
  }

  /** {@code http://host:5000} → {@code ws://host:5000/v1/ws} (https → wss); ws/wss URIs are kept. */
  public static URI webSocketUri(URI server) {
    String scheme = switch (server.getScheme() == null ? "" : server.getScheme()) {
      case "http", "ws" -> "ws";
      case "https", "wss" -> "wss";
      default -> throw new IllegalArgumentException("server URL must be http(s)://HOST:PORT: " + server);
    };
    String path = server.getPath() == null || server.getPath().isEmpty() || server.getPath().equals("/")
        ? "/v1/ws"
        : server.getPath();
    return URI.create(scheme + "://" + server.getRawAuthority() + path);
  }

  /**
   * Starts connecting (and keeps retrying while the server is unreachable). Completes with the first
   * {@code welcome}, or exceptionally with a {@link SignallingException.ServerError} if the server
   * refuses this identity.
   */
  public CompletableFuture<ServerMessage.Welcome> connect() {
    post(this::openSocket);
    return firstWelcome;
  }

  public State state() {
    return state;
  }

  /** Server messages dropped because they could not be parsed. */
  public int malformedCount() {
    return malformed;
  }

  /** The user's registered keys and presence; fails with {@code unknown-user} for no such user. */
  public CompletableFuture<ServerMessage.UserInfo> lookup(Username user) {
    return request("lookup " + user, id -> messages.lookup(id, user), ServerMessage.UserInfo.class);
  }

  /** Forwards {@code payload} to {@code to}; completes when the server has passed it on. */
  public CompletableFuture<Void> signal(Username to, ObjectNode payload) {
    int size = messages.encodedSize(payload);
    if (size > MAX_PAYLOAD_BYTES) {
      return CompletableFuture.failedFuture(new SignallingException.PayloadTooLarge(size, MAX_PAYLOAD_BYTES));
    }
    return request("signal to " + to, id -> messages.signal(id, to, payload), ServerMessage.Sent.class)
        .thenApply(sent -> null);
  }

  /** Reports presence of {@code users} now and on every change, also across reconnects. */
  public void watch(Collection<Username> users) {
    List<Username> copy = List.copyOf(users);
    post(() -> {
      watched.addAll(copy);
      if (state == State.READY && !copy.isEmpty()) {
        writer.send(messages.watch(copy));
      }
    });
  }

  public void unwatch(Collection<Username> users) {
    List<Username> copy = List.copyOf(users);
    post(() -> {
      watched.removeAll(copy);
      if (state == State.READY && !copy.isEmpty()) {
        writer.send(messages.unwatch(copy));
      }
    });
  }

  @Override
  public void close() {
    post(() -> {
      stop(new SignallingException.NotConnected());
      firstWelcome.completeExceptionally(new SignallingException.NotConnected());
    });
    loop.shutdown();
    try {
      loop.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    http.shutdownNow();
  }

  // ---- connection lifecycle (loop thread)

  private void openSocket() {
    if (state == State.CLOSED) {
      return;
    }
    int gen = ++generation;
    state = State.CONNECTING;
    log.debug("connecting to {} (attempt {})", uri, attempt);
    http.newWebSocketBuilder()
        .connectTimeout(options.connectTimeout())
        .buildAsync(uri, new SocketReader(new Callback(gen)))
        .whenComplete((socket, error) -> {
          if (error != null) {
            post(() -> connectionEnded(gen, describe(error)));
          }
        });
  }

  private void opened(int gen, WebSocket socket) {
    if (gen != generation || state != State.CONNECTING) {
      socket.abort();
      return;
    }
    writer = new SocketWriter(socket);
    state = State.AUTHENTICATING;
    log.debug("connected to {}, authenticating", uri);
    lastHeard = options.clock().instant();
    // A server that accepts the socket but never welcomes us must not leave us waiting forever.
    loop.schedule(() -> {
      if (gen == generation && state == State.AUTHENTICATING) {
        connectionEnded(gen, "no welcome from the server");
      }
    }, options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void connectionEnded(int gen, String reason) {
    if (gen != generation || state == State.CLOSED || state == State.WAITING) {
      return;
    }
    log.debug("signalling connection ended: {}", reason);
    if (writer != null) {
      writer.abort();
      writer = null;
    }
    stopPinger();
    failPending(new SignallingException.ConnectionLost(reason));
    state = State.WAITING;
    Duration delay = options.backoff().delay(attempt++, options.random());
    loop.schedule(this::openSocket, delay.toMillis(), TimeUnit.MILLISECONDS);
    listener.onReconnecting(reason, delay);
  }

  private void stop(SignallingException reason) {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    stopPinger();
    failPending(reason);
    if (writer != null) {
      writer.close();
      writer = null;
    }
  }

  // ---- messages (loop thread)

  private void received(int gen, String text) {
    if (gen != generation || state == State.CLOSED) {
      return;
    }
    lastHeard = options.clock().instant();
    ServerMessage message;
    try {
      message = parser.parse(text);
    } catch (SignallingProtocolException e) {
      malformed++;
      log.debug("dropped a malformed server message: {}", e.getMessage());
      return;
    }
    switch (message) {
      case ServerMessage.Challenge challenge -> answer(challenge);
      case ServerMessage.Welcome welcome -> welcomed(welcome);
      case ServerMessage.UserInfo user -> complete(user.id().orElse(null), user);
      case ServerMessage.Sent sent -> complete(sent.id().orElse(null), sent);
      case ServerMessage.Presence presence -> listener.onPresence(presence.user(), presence.online());
      case ServerMessage.Signal signal -> listener.onSignal(signal.from(), signal.payload());
      case ServerMessage.Error error -> serverError(error);
      case ServerMessage.Pong pong -> { } // lastHeard is all a pong is for
    }
  }

  private void answer(ServerMessage.Challenge challenge) {
    if (state != State.AUTHENTICATING) {
      return;
    }
    byte[] signature;
    try {
      signature = identity.signChallenge(challenge.nonce());
    } catch (IllegalArgumentException e) {
      malformed++; // a nonce that is not 32 bytes of base64url: wait for the server to give up on us
      return;
    }
    writer.send(messages.hello(identity.user(), identity.publicKeys(), signature));
  }

  private void welcomed(ServerMessage.Welcome welcome) {
    if (state != State.AUTHENTICATING) {
      return;
    }
    state = State.READY;
    attempt = 0;
    log.debug("logged in as {}", welcome.user());
    if (!watched.isEmpty()) {
      writer.send(messages.watch(watched));
    }
    startPinger();
    firstWelcome.complete(welcome);
    listener.onConnected(welcome);
  }

  private void serverError(ServerMessage.Error error) {
    var exception = new SignallingException.ServerError(error.code(), error.wireCode(), error.message());
    if (error.code().endsTheSession()) {
      stop(exception);
      listener.onFatal(exception);
      firstWelcome.completeExceptionally(exception);
      return;
    }
    Pending request = error.id().map(pending::remove).orElse(null);
    if (request != null) {
      request.future().completeExceptionally(exception);
    } else {
      log.debug("server error not tied to a request: {}", exception.getMessage());
    }
  }

  private void complete(String id, ServerMessage answer) {
    Pending request = id == null ? null : pending.get(id);
    if (request == null || !request.answer().isInstance(answer)) {
      malformed++;
      return;
    }
    pending.remove(id);
    request.future().complete(answer);
  }

  private <T> CompletableFuture<T> request(String what, Function<String, String> encode, Class<T> answer) {
    CompletableFuture<Object> future = new CompletableFuture<>();
    post(() -> {
      if (state != State.READY) {
        future.completeExceptionally(new SignallingException.NotConnected());
        return;
      }
      String id = Long.toString(++nextId);
      pending.put(id, new Pending(future, answer, what));
      writer.send(encode.apply(id));
      loop.schedule(() -> timeOut(id), options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }, future);
    return future.thenApply(answer::cast);
  }

  private void timeOut(String id) {
    Pending request = pending.remove(id);
    if (request != null) {
      request.future().completeExceptionally(new SignallingException.Timeout(request.what()));
    }
  }

  private void failPending(SignallingException reason) {
    List<Pending> failed = new ArrayList<>(pending.values());
    pending.clear();
    failed.forEach(request -> request.future().completeExceptionally(reason));
  }

  // ---- liveness: a server that stops answering is treated as a dropped connection

  private void startPinger() {
    long period = options.pingInterval().toMillis();
    int gen = generation;
    pinger = loop.scheduleAtFixedRate(() -> ping(gen), period, period, TimeUnit.MILLISECONDS);
  }

  private void ping(int gen) {
    if (gen != generation || state != State.READY) {
      return;
    }
    Duration silent = Duration.between(lastHeard, options.clock().instant());
    if (silent.compareTo(options.pingInterval().multipliedBy(2)) > 0) {
      connectionEnded(gen, "server silent for " + silent.toSeconds() + " s");
    } else {
      writer.send(messages.ping());
    }
  }

  /**
   * Checks the connection now, not at the next ping: a {@code ping} goes out, and if nothing comes back
   * within {@code within} the connection is dropped and made again. For when a peer path just died: the
   * NAT that broke it (a reboot, a new network) has likely broken this TCP connection too, and a
   * reconnection through the server must not wait for the pinger to notice. Any thread.
   */
  public void probe(Duration within) {
    post(() -> {
      if (state != State.READY || loop.isShutdown()) {
        return; // not connected, or closing
      }
      int gen = generation;
      Instant asked = options.clock().instant();
      writer.send(messages.ping());
      loop.schedule(() -> {
        if (gen == generation && state == State.READY && lastHeard.isBefore(asked)) {
          connectionEnded(gen, "no answer to a ping within " + within.toMillis() + " ms");
        }
      }, within.toMillis(), TimeUnit.MILLISECONDS);
    });
  }

  private void stopPinger() {
    if (pinger != null) {
      pinger.cancel(false);
      pinger = null;
    }
  }

  private void post(Runnable task) {
    post(task, null);
  }

  private void post(Runnable task, CompletableFuture<?> failOnReject) {
    try {
      loop.execute(() -> {
        try {
          task.run();
        } catch (RuntimeException | Error e) {
          // The executor would swallow it silently; a bug here must at least be visible.
          log.error("signalling task failed", e);
        }
      });
    } catch (RejectedExecutionException e) {
      if (failOnReject != null) {
        failOnReject.completeExceptionally(new SignallingException.NotConnected());
      }
    }
  }

  private static String describe(Throwable error) {
    Throwable cause = error.getCause() != null ? error.getCause() : error;
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  /** Socket events of one connection, tagged with its generation so late events of old ones are ignored. */
  private final class Callback implements SocketReader.FrameCallback {
    private final int gen;

    Callback(int gen) {
      this.gen = gen;
    }

    @Override
    public void onOpen(WebSocket socket) {
      post(() -> opened(gen, socket));
    }

    @Override
    public void onMessage(String text) {
      post(() -> received(gen, text));
    }

    @Override
    public void onClosed(String reason) {
      post(() -> connectionEnded(gen, reason));
    }
  }
}
