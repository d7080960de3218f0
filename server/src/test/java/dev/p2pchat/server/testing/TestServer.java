package dev.p2pchat.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p2pchat.server.RendezvousServer;
import dev.p2pchat.server.ServerConfig;
import dev.p2pchat.server.signal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** A real server on 127.0.0.1 and a free port, with an HTTP client and helpers for tests. */
public final class TestServer implements AutoCloseable {
  public final MutableClock clock = new MutableClock();
  public final HttpClient http = HttpClient.newHttpClient();
  public final RendezvousServer server;

  public TestServer(Path dataDir, UnaryOperator<ServerConfig.Builder> tweak) {
    ServerConfig config = tweak.apply(ServerConfig.defaults().toBuilder()
            .bind("127.0.0.1")
            .httpPort(0)
            .stunPort(0) // never the well-known 3478: tests run beside real servers and each other
            .dataDir(dataDir)
            .presenceGrace(Duration.ofMillis(200)))
        .build();
    try {
      server = RendezvousServer.builder(config).clock(clock).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public TestServer(Path dataDir) {
    this(dataDir, b -> b);
  }

  public URI base() {
    return server.httpUri();
  }

  public WsTestClient connect() {
    return WsTestClient.connect(http, base());
  }

  public WsTestClient login(TestIdentity id) {
    return WsTestClient.login(http, base(), id);
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(base().resolve(path)).GET().build());
  }

  public HttpResponse<String> post(String path, String body) {
    return send(HttpRequest.newBuilder(base().resolve(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build());
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  public static JsonNode json(HttpResponse<String> response) {
    return Json.parseObject(response.body());
  }

  /** Asserts an HTTP error response: status, JSON error body, code. */
  public static void assertError(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = json(response);
    assertThat(body.get("type").textValue()).isEqualTo("error");
    assertThat(body.get("code").textValue()).isEqualTo(code);
    assertThat(body.get("message").textValue()).isNotBlank();
  }

  /** Registers {@code id} over HTTP and returns the status (201 or 200). */
  public int register(TestIdentity id) {
    String nonce = json(get("/v1/challenge")).get("nonce").textValue();
    return post("/v1/users", id.registration(nonce)).statusCode();
  }

  /** Users registered and online, from {@code /healthz}: proves the server still serves. */
  public JsonNode health() {
    HttpResponse<String> response = get("/healthz");
    assertThat(response.statusCode()).isEqualTo(200);
    return json(response);
  }

  @Override
  public void close() {
    server.close();
    http.close();
  }
}
