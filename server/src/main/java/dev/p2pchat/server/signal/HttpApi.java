package dev.p2pchat.server.signal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p2pchat.protocol.identity.AuthChallenge;
import dev.p2pchat.protocol.identity.Base64Url;
import dev.p2pchat.protocol.identity.DhPublicKey;
import dev.p2pchat.protocol.identity.Ed25519;
import dev.p2pchat.protocol.identity.SigningPublicKey;
import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.server.registry.BindResult;
import dev.p2pchat.server.registry.RegistryStore;
import dev.p2pchat.server.registry.UserRecord;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP half of docs/api.md: health, look-up, and registration with a challenge. */
public final class HttpApi {
  private static final Logger log = LoggerFactory.getLogger(HttpApi.class);

  private final RegistryStore registry;
  private final PresenceHub hub;
  private final RateLimiter limiter;
  private final NonceBook nonces;
  private final Authenticator authenticator;

  public HttpApi(RegistryStore registry, PresenceHub hub, RateLimiter limiter, InstantSource clock, SecureRandom random) {
    this.registry = registry;
    this.hub = hub;
    this.limiter = limiter;
    this.nonces = new NonceBook(clock, random, SignalLimits.NONCE_TTL, SignalLimits.MAX_OUTSTANDING_HTTP_NONCES);
    this.authenticator = new Authenticator(registry, clock);
  }

  public void register(RoutesConfig routes) {
    routes.before(this::rateLimit);
    routes.get("/healthz", ctx -> json(ctx, 200, Replies.health(registry.count(), hub.onlineCount())));
    routes.get("/v1/users/{user}", this::lookup);
    routes.get("/v1/challenge", ctx -> json(ctx, 200, Replies.challenge(nonces.issue().nonce())));
    routes.post("/v1/users", this::registerUser);
    routes.exception(ApiException.class, (e, ctx) -> json(ctx, e.code().httpStatus(), Replies.error(e)));
    routes.exception(HttpResponseException.class, (e, ctx) -> javalinError(ctx, e));
    routes.exception(Exception.class, (e, ctx) -> {
      log.error("{} {} failed", ctx.method(), ctx.path(), e);
      json(ctx, 500, Replies.error(ErrorCode.INTERNAL, "internal error", null));
    });
  }

  private void rateLimit(Context ctx) {
    if (!limiter.tryAcquire(ctx.ip())) {
      ctx.header("Retry-After", "1");
      throw new ApiException(ErrorCode.RATE_LIMITED, "too many requests, slow down");
    }
  }

  private void lookup(Context ctx) {
    Username user = Json.convert("user", ctx.pathParam("user"), Username::of);
    UserRecord record = registry.find(user)
        .orElseThrow(() -> new ApiException(ErrorCode.UNKNOWN_USER, "no user '" + user + "'"));
    json(ctx, 200, Replies.user(null, record, hub.isOnline(user)));
  }

  private void registerUser(Context ctx) throws IOException {
    ObjectNode body = Json.parseObject(boundedBody(ctx));
    var claim = new Authenticator.Claim(
        Json.parsed(body, "user", Username::of),
        Json.parsed(body, "signing_key", SigningPublicKey::fromText),
        Json.parsed(body, "dh_key", DhPublicKey::fromText),
        Json.parsed(body, "signature", s -> Base64Url.decode("signature", s, Ed25519.SIGNATURE_LENGTH)));
    String nonce = Json.parsed(body, "nonce", s -> {
      Base64Url.decode("nonce", s, AuthChallenge.NONCE_BYTES);
      return s;
    });
    BindResult result = authenticator.authenticate(claim, nonce, nonces.redeem(nonce), "http " + ctx.ip());
    boolean created = result instanceof BindResult.Created;
    json(ctx, created ? 201 : 200, Replies.registered(result.record(), created));
  }

  /**
   * The body, at most {@link SignalLimits#MAX_HTTP_BODY_BYTES}. An oversize body is still read to its
   * end when it is not much larger ({@link SignalLimits#DRAINED_HTTP_BODY_BYTES}) before the 413 goes
   * out: closing a socket with unread bytes makes the kernel reset it, and a client still sending
   * then loses the answer that says what it did wrong. Beyond that the server protects its time.
   */
  private static byte[] boundedBody(Context ctx) throws IOException {
    long declared = ctx.contentLength();
    if (declared > SignalLimits.DRAINED_HTTP_BODY_BYTES) {
      throw tooLarge();
    }
    InputStream in = ctx.req().getInputStream();
    byte[] body = in.readNBytes(SignalLimits.MAX_HTTP_BODY_BYTES + 1);
    if (body.length > SignalLimits.MAX_HTTP_BODY_BYTES) {
      drain(in, SignalLimits.DRAINED_HTTP_BODY_BYTES - body.length);
      throw tooLarge();
    }
    return body;
  }

  private static void drain(InputStream in, long atMost) throws IOException {
    byte[] sink = new byte[8192];
    for (long left = atMost; left > 0; ) {
      int n = in.read(sink, 0, (int) Math.min(sink.length, left));
      if (n < 0) {
        return;
      }
      left -= n;
    }
  }

  private static ApiException tooLarge() {
    return new ApiException(ErrorCode.TOO_LARGE,
        "the body may be at most " + SignalLimits.MAX_HTTP_BODY_BYTES + " bytes");
  }

  /** Javalin's own refusals (no such route, body too large...) in our error format. */
  private static void javalinError(Context ctx, HttpResponseException e) {
    ErrorCode code = switch (e.getStatus()) {
      case 404 -> ErrorCode.NOT_FOUND;
      case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
      case 413 -> ErrorCode.TOO_LARGE;
      case 429 -> ErrorCode.RATE_LIMITED;
      default -> ErrorCode.BAD_REQUEST;
    };
    int status = e.getStatus() >= 400 && e.getStatus() < 500 ? e.getStatus() : code.httpStatus();
    json(ctx, status, Replies.error(code, e.getMessage(), null));
  }

  private static void json(Context ctx, int status, ObjectNode body) {
    ctx.status(status).contentType("application/json").result(Replies.text(body));
  }
}
