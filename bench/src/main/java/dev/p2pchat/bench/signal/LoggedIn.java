package dev.p2pchat.bench.signal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p2pchat.protocol.identity.AuthChallenge;
import dev.p2pchat.protocol.identity.Base64Url;
import dev.p2pchat.protocol.identity.DhPublicKey;
import dev.p2pchat.protocol.identity.SigningKeyPair;
import dev.p2pchat.protocol.identity.Username;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.XECPublicKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One WebSocket client through the API's login (docs/api.md): wait for {@code challenge}, answer
 * {@code hello} signed with the shared key, and complete on {@code welcome}. Afterwards it only
 * stays open; the JDK answers the server's ping frames by itself, which keeps it alive.
 */
final class LoggedIn implements WebSocket.Listener {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A real X25519 key, shared like the signing key: the server only stores it. */
  private static final DhPublicKey DH_KEY = newDhKey();

  private final String user;
  private final SigningKeyPair keys;
  private final CompletableFuture<LoggedIn> welcomed = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();
  private WebSocket socket;

  private LoggedIn(String user, SigningKeyPair keys) {
    this.user = user;
    this.keys = keys;
  }

  static CompletableFuture<LoggedIn> connect(HttpClient http, InetSocketAddress server, String user, SigningKeyPair keys) {
    LoggedIn client = new LoggedIn(user, keys);
    URI uri = URI.create("ws://" + server.getHostString() + ":" + server.getPort() + "/v1/ws");
    http.newWebSocketBuilder().buildAsync(uri, client)
        .whenComplete((ws, error) -> {
          if (error != null) {
            client.welcomed.completeExceptionally(error);
          }
        });
    return client.welcomed;
  }

  void close() {
    if (socket != null) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bench done");
    }
  }

  private static DhPublicKey newDhKey() {
    try {
      return DhPublicKey.fromJdk((XECPublicKey) KeyPairGenerator.getInstance("X25519").generateKeyPair().getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("X25519 is in every JDK since 11", e);
    }
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    socket = webSocket;
    webSocket.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      String text = partial.toString();
      partial.setLength(0);
      try {
        onMessage(webSocket, JSON.readTree(text));
      } catch (Exception e) {
        welcomed.completeExceptionally(e);
      }
    }
    webSocket.request(1);
    return null;
  }

  private void onMessage(WebSocket webSocket, JsonNode message) {
    switch (message.path("type").asText()) {
      case "challenge" -> webSocket.sendText(hello(message.path("nonce").asText()), true);
      case "welcome" -> welcomed.complete(this);
      case "error" -> welcomed.completeExceptionally(new IllegalStateException(user + ": " + message));
      default -> { } // presence and the like: nothing to do while holding
    }
  }

  private String hello(String nonce) {
    AuthChallenge challenge = new AuthChallenge(nonce, Username.of(user), keys.publicKey(), DH_KEY);
    ObjectNode hello = JSON.createObjectNode()
        .put("type", "hello")
        .put("user", user)
        .put("signing_key", keys.publicKey().toText())
        .put("dh_key", DH_KEY.toText())
        .put("signature", Base64Url.encode(challenge.sign(keys)));
    return hello.toString();
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    welcomed.completeExceptionally(new IllegalStateException(user + ": closed " + statusCode + " " + reason));
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    welcomed.completeExceptionally(error);
  }
}
