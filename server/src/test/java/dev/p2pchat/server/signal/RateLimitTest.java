package dev.p2pchat.server.signal;

import static dev.p2pchat.server.testing.TestServer.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.server.testing.TestIdentity;
import dev.p2pchat.server.testing.TestServer;
import dev.p2pchat.server.testing.WsTestClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-address limits on a real server; refill is driven by the injected clock. */
class RateLimitTest {
  @TempDir Path dataDir;

  @Test
  void httpRequestsOverTheLimitAre429UntilTheBucketRefills() {
    try (TestServer server = new TestServer(dataDir, b -> b.httpRateBurst(3).httpRatePerSecond(1))) {
      for (int i = 0; i < 3; i++) {
        assertThat(server.get("/healthz").statusCode()).isEqualTo(200);
      }
      HttpResponse<String> limited = server.get("/v1/challenge");
      assertError(limited, 429, "rate-limited");
      assertThat(limited.headers().firstValue("Retry-After")).contains("1");
      server.clock.advance(Duration.ofSeconds(1));
      assertThat(server.get("/healthz").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void webSocketMessagesOverTheLimitAreRefusedAndTheSocketStays() {
    TestIdentity alice = TestIdentity.create("alice");
    // Burst 3: the connection and the hello take two tokens.
    try (TestServer server = new TestServer(dataDir, b -> b.wsRateBurst(3).wsRatePerSecond(1));
        WsTestClient a = server.login(alice)) {
      a.send("{\"type\":\"ping\",\"id\":\"1\"}");
      a.next("pong");
      a.send("{\"type\":\"ping\",\"id\":\"2\"}");
      a.nextError("rate-limited");
      server.clock.advance(Duration.ofSeconds(1));
      a.assertAlive();
    }
  }

  /**
   * The second socket opens only after the first got its challenge: the client's handshake completes
   * before the server's open handler takes the token, so two sockets opened back to back reach the
   * limiter in either order (under load the second one won the only token). The challenge is sent
   * after the token was taken, and the clock stands still, so the order is now fixed.
   */
  @Test
  void tooManyConnectionsAreClosedWithRateLimited() {
    try (TestServer server = new TestServer(dataDir, b -> b.wsRateBurst(1).wsRatePerSecond(1));
        WsTestClient first = server.connect()) {
      first.next("challenge");
      try (WsTestClient second = server.connect()) {
        second.nextError("rate-limited");
        assertThat(second.awaitClose()).isEqualTo(SignalLimits.CLOSE_RATE_LIMITED);
      }
      assertThat(first.isClosed()).as("the first socket stays").isFalse();
    }
  }
}
