package dev.p2pchat.client.signalling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p2pchat.client.identity.PublicKeys;
import dev.p2pchat.protocol.identity.AuthChallenge;
import dev.p2pchat.protocol.identity.Base64Url;
import dev.p2pchat.protocol.identity.Username;
import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import java.net.URI;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted signalling server for client tests: speaks docs/api.md (challenge, hello with a real
 * signature check, lookup, watch, signal, ping) and lets a test misbehave on purpose — substitute a
 * user's keys in lookups, drop every connection, stop and restart on the same port.
 */
public final class FakeSignallingServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<Username, PublicKeys> registry = new ConcurrentHashMap<>();
  private final Map<Username, PublicKeys> lookupOverrides = new ConcurrentHashMap<>();
  private final Map<String, Username> authenticated = new ConcurrentHashMap<>();
  private final Map<String, String> nonces = new ConcurrentHashMap<>();
  private final Map<Username, WsContext> online = new ConcurrentHashMap<>();
  private final Map<String, List<Username>> watchers = new ConcurrentHashMap<>();
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger logins = new AtomicInteger();
  private final SecureRandom random = new SecureRandom();
  private volatile boolean silent;
  private Javalin app;
  private int port;

  public FakeSignallingServer start() {
    return startOn(0);
  }

  private FakeSignallingServer startOn(int wantedPort) {
    app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.routes.ws("/v1/ws", ws -> {
        ws.onConnect(this::connected);
        ws.onMessage(ctx -> handle(ctx, ctx.message()));
        ws.onClose(ctx -> disconnected(ctx));
      });
    });
    app.start("127.0.0.1", wantedPort);
    port = app.port();
    return this;
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Answer lookups for {@code user} with {@code keys} instead of the registered ones. */
  public void substituteKeys(Username user, PublicKeys keys) {
    lookupOverrides.put(user, keys);
  }

  /** Stop answering anything (a hung server), without closing connections. */
  public void goSilent(boolean value) {
    silent = value;
  }

  public void dropAllConnections() {
    online.values().forEach(ctx -> ctx.closeSession(1011, "test drop"));
  }

  public void stop() {
    app.stop();
    online.clear();
  }

  public void restart() {
    startOn(port);
  }

  public int logins() {
    return logins.get();
  }

  public List<String> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    if (app != null) {
      app.stop();
    }
  }

  private void connected(WsContext ctx) {
    String nonce = AuthChallenge.newNonce(random);
    nonces.put(ctx.sessionId(), nonce);
    send(ctx, JSON.createObjectNode().put("type", "challenge").put("nonce", nonce));
  }

  private void disconnected(WsContext ctx) {
    Username user = authenticated.remove(ctx.sessionId());
    if (user != null && online.get(user) == ctx) {
      online.remove(user);
      presence(user, false);
    }
  }

  private void handle(WsContext ctx, String text) throws Exception {
    received.add(text);
    if (silent) {
      return;
    }
    JsonNode message = JSON.readTree(text);
    String type = message.path("type").asText();
    Username user = authenticated.get(ctx.sessionId());
    if (type.equals("hello")) {
      hello(ctx, message);
    } else if (user == null) {
      send(ctx, error("not-authenticated", null));
    } else {
      switch (type) {
        case "lookup" -> lookup(ctx, message);
        case "signal" -> signal(ctx, user, message);
        case "watch" -> watch(ctx, user, message);
        case "ping" -> send(ctx, JSON.createObjectNode().put("type", "pong"));
        default -> send(ctx, error("unknown-type", null));
      }
    }
  }

  private void hello(WsContext ctx, JsonNode hello) {
    Username user = Username.of(hello.path("user").asText());
    PublicKeys keys = PublicKeys.fromText(hello.path("signing_key").asText(), hello.path("dh_key").asText());
    AuthChallenge challenge = new AuthChallenge(nonces.remove(ctx.sessionId()), user, keys.signing(), keys.dh());
    if (!challenge.verify(Base64Url.decode("signature", hello.path("signature").asText(), 64))) {
      send(ctx, error("bad-signature", null));
      ctx.closeSession(4001, "bad-signature");
      return;
    }
    PublicKeys bound = registry.putIfAbsent(user, keys);
    if (bound != null && !bound.equals(keys)) {
      send(ctx, error("name-taken", null));
      ctx.closeSession(4001, "name-taken");
      return;
    }
    authenticated.put(ctx.sessionId(), user);
    online.put(user, ctx);
    logins.incrementAndGet();
    ObjectNode welcome = JSON.createObjectNode().put("type", "welcome").put("user", user.value()).put("server_time", 1L);
    welcome.putArray("stun").add("127.0.0.1:3478");
    send(ctx, welcome);
    presence(user, true);
  }

  private void lookup(WsContext ctx, JsonNode lookup) {
    String id = lookup.path("id").asText();
    Username user = Username.of(lookup.path("user").asText());
    PublicKeys keys = lookupOverrides.getOrDefault(user, registry.get(user));
    if (keys == null) {
      send(ctx, error("unknown-user", id));
      return;
    }
    send(ctx, JSON.createObjectNode().put("type", "user").put("id", id).put("user", user.value())
        .put("online", online.containsKey(user))
        .put("signing_key", keys.signing().toText()).put("dh_key", keys.dh().toText()));
  }

  private void signal(WsContext ctx, Username from, JsonNode signal) {
    String id = signal.path("id").asText();
    WsContext to = online.get(Username.of(signal.path("to").asText()));
    if (to == null) {
      send(ctx, error("peer-offline", id));
      return;
    }
    ObjectNode forwarded = JSON.createObjectNode().put("type", "signal").put("from", from.value());
    forwarded.set("payload", signal.path("payload"));
    send(to, forwarded);
    send(ctx, JSON.createObjectNode().put("type", "sent").put("id", id));
  }

  private void watch(WsContext ctx, Username watcher, JsonNode watch) {
    for (JsonNode name : watch.path("users")) {
      Username user = Username.of(name.asText());
      watchers.computeIfAbsent(user.value(), k -> new CopyOnWriteArrayList<>()).add(watcher);
      send(ctx, presenceMessage(user, online.containsKey(user)));
    }
  }

  private void presence(Username user, boolean isOnline) {
    for (Username watcher : watchers.getOrDefault(user.value(), List.of())) {
      WsContext ctx = online.get(watcher);
      if (ctx != null) {
        send(ctx, presenceMessage(user, isOnline));
      }
    }
  }

  private static ObjectNode presenceMessage(Username user, boolean isOnline) {
    return JSON.createObjectNode().put("type", "presence").put("user", user.value()).put("online", isOnline);
  }

  private static ObjectNode error(String code, String id) {
    ObjectNode error = JSON.createObjectNode().put("type", "error").put("code", code).put("message", code);
    if (id != null) {
      error.put("id", id);
    }
    return error;
  }

  private static void send(WsContext ctx, ObjectNode message) {
    ctx.send(message.toString());
  }
}
