package dev.p2pchat.server.signal;

import dev.p2pchat.protocol.identity.AuthChallenge;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Javalin/Jetty edge of {@code GET /v1/ws}: creates a {@link Connection} per socket, applies
 * the per-address rate limit, and hands text to the {@link SignalDispatcher}.
 */
public final class SignalSocket {
  private static final Logger log = LoggerFactory.getLogger(SignalSocket.class);

  private final SignalDispatcher dispatcher;
  private final RateLimiter limiter;
  private final InstantSource clock;
  private final SecureRandom random;
  private final Map<String, Connection> bySession = new ConcurrentHashMap<>();

  public SignalSocket(SignalDispatcher dispatcher, RateLimiter limiter, InstantSource clock, SecureRandom random) {
    this.dispatcher = dispatcher;
    this.limiter = limiter;
    this.clock = clock;
    this.random = random;
  }

  public void configure(WsConfig ws) {
    ws.onConnect(this::connected);
    ws.onMessage(ctx -> received(ctx, ctx.message()));
    ws.onBinaryMessage(ctx -> withConnection(ctx, conn -> conn.send(Replies.error(
        ErrorCode.BAD_JSON, "binary frames are not accepted: send JSON as text", null))));
    ws.onClose(ctx -> {
      Connection conn = bySession.remove(ctx.sessionId());
      if (conn != null) {
        dispatcher.closed(conn);
      }
    });
    ws.onError(ctx -> log.debug("websocket error on {}", bySession.get(ctx.sessionId()), ctx.error()));
  }

  private void connected(WsContext ctx) {
    ctx.session.setMaxTextMessageSize(SignalLimits.HARD_WS_MESSAGE_BYTES);
    ctx.session.setIdleTimeout(SignalLimits.IDLE_TIMEOUT);
    JettyClientSocket socket = new JettyClientSocket(ctx.session);
    if (!limiter.tryAcquire(socket.remoteAddress())) {
      socket.send(Replies.text(Replies.error(ErrorCode.RATE_LIMITED, "too many connections, slow down", null)));
      socket.close(SignalLimits.CLOSE_RATE_LIMITED, "rate-limited");
      return;
    }
    ctx.enableAutomaticPings(SignalLimits.PING_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    Challenge challenge = new Challenge(AuthChallenge.newNonce(random), clock.instant().plus(SignalLimits.NONCE_TTL));
    Connection conn = new Connection(socket, challenge);
    bySession.put(ctx.sessionId(), conn);
    dispatcher.opened(conn);
  }

  private void received(WsContext ctx, String text) {
    withConnection(ctx, conn -> {
      if (!limiter.tryAcquire(conn.remoteAddress())) {
        conn.send(Replies.error(ErrorCode.RATE_LIMITED, "too many messages, slow down", null));
        return;
      }
      dispatcher.handle(conn, text);
    });
  }

  private void withConnection(WsContext ctx, java.util.function.Consumer<Connection> action) {
    Connection conn = bySession.get(ctx.sessionId());
    if (conn != null) {
      action.accept(conn);
    }
  }
}
