package dev.p2pchat.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p2pchat.server.signal.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A WebSocket client on the JDK's HttpClient that queues every JSON message it receives. */
public final class WsTestClient implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private final WebSocket socket;

  private WsTestClient(HttpClient http, URI uri) {
    socket = http.newWebSocketBuilder().connectTimeout(WAIT).buildAsync(uri, new Listener()).join();
  }

  public static WsTestClient connect(HttpClient http, URI serverBase) {
    return new WsTestClient(http, URI.create("ws://" + serverBase.getRawAuthority() + "/v1/ws"));
  }

  /** Connects, answers the challenge as {@code id}, and expects {@code welcome}. */
  public static WsTestClient login(HttpClient http, URI serverBase, TestIdentity id) {
    WsTestClient client = connect(http, serverBase);
    String nonce = client.next("challenge").get("nonce").textValue();
    client.send(id.hello(nonce));
    JsonNode welcome = client.next("welcome");
    assertThat(welcome.get("user").textValue()).isEqualTo(id.user().value());
    return client;
  }

  public void send(String text) {
    socket.sendText(text, true).join();
  }

  public void sendBinary(byte[] bytes) {
    socket.sendBinary(java.nio.ByteBuffer.wrap(bytes), true).join();
  }

  /** The next message, which must arrive within a few seconds. */
  public JsonNode next() {
    try {
      JsonNode message = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(message).as("a message within " + WAIT).isNotNull();
      return message;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** The next message, which must be of {@code type}. */
  public JsonNode next(String type) {
    JsonNode message = next();
    assertThat(message.path("type").asText()).as("type of " + message).isEqualTo(type);
    return message;
  }

  /** The next message, which must be an error with {@code code}. */
  public JsonNode nextError(String code) {
    JsonNode message = next("error");
    assertThat(message.get("code").textValue()).as("code of " + message).isEqualTo(code);
    assertThat(message.get("message").textValue()).isNotBlank();
    return message;
  }

  /** A ping round trip: proves the server still serves this socket, and that nothing came before. */
  public void assertAlive() {
    send("{\"type\":\"ping\",\"id\":\"alive\"}");
    JsonNode pong = next();
    assertThat(pong.path("type").asText()).as("expected pong, got " + pong).isEqualTo("pong");
    assertThat(pong.get("id").textValue()).isEqualTo("alive");
  }

  public boolean hasPending() {
    return !received.isEmpty();
  }

  /** The close code the server sent, waiting for it. */
  public int awaitClose() {
    return closeCode.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
  }

  public boolean isClosed() {
    return closeCode.isDone();
  }

  /** Drops the TCP connection without a close handshake, like a client that vanished. */
  public void abort() {
    socket.abort();
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
    socket.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        received.add(Json.parseObject(partial.toString()));
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closeCode.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closeCode.complete(-1);
    }
  }
}
