package dev.p2pchat.server.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p2pchat.server.testing.TestIdentity;
import dev.p2pchat.server.testing.TestServer;
import dev.p2pchat.server.testing.WsTestClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The WebSocket flows of docs/api.md against a real server. */
class SignallingTest {
  @TempDir Path dataDir;
  TestServer server;
  final TestIdentity alice = TestIdentity.create("alice");
  final TestIdentity bob = TestIdentity.create("bob");

  @BeforeEach
  void start() {
    server = new TestServer(dataDir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void firstHelloRegistersAndWelcomes() {
    try (WsTestClient ws = server.connect()) {
      JsonNode challenge = ws.next("challenge");
      ws.send(alice.hello(challenge.get("nonce").textValue()));
      JsonNode welcome = ws.next("welcome");
      assertThat(welcome.get("user").textValue()).isEqualTo("alice");
      assertThat(welcome.get("server_time").longValue()).isEqualTo(server.clock.millis());
      assertThat(welcome.get("stun").isArray()).isTrue();
      assertThat(server.server.registry().find(alice.user())).hasValueSatisfying(r -> {
        assertThat(r.signingKey()).isEqualTo(alice.signing().publicKey());
        assertThat(r.dhKey()).isEqualTo(alice.dh());
      });
      assertThat(server.health().get("online").intValue()).isEqualTo(1);
    }
  }

  @Test
  void lookupReturnsKeysAndPresence() {
    server.register(bob);
    try (WsTestClient a = server.login(alice)) {
      a.send("{\"type\":\"lookup\",\"id\":\"7\",\"user\":\"bob\"}");
      JsonNode user = a.next("user");
      assertThat(user.get("id").textValue()).isEqualTo("7");
      assertThat(user.get("online").booleanValue()).isFalse();
      assertThat(user.get("signing_key").textValue()).isEqualTo(bob.signing().publicKey().toText());
      assertThat(user.get("dh_key").textValue()).isEqualTo(bob.dh().toText());
      try (WsTestClient b = server.login(bob)) {
        a.send("{\"type\":\"lookup\",\"user\":\"bob\"}");
        assertThat(a.next("user").get("online").booleanValue()).isTrue();
      }
    }
  }

  @Test
  void offerIsForwardedAndAnswered() {
    try (WsTestClient a = server.login(alice); WsTestClient b = server.login(bob)) {
      a.send("{\"type\":\"signal\",\"id\":\"o1\",\"to\":\"bob\",\"payload\":{\"kind\":\"offer\",\"candidates\":[\"198.18.0.20:4000\"]}}");
      JsonNode offer = b.next("signal");
      assertThat(offer.get("from").textValue()).isEqualTo("alice");
      assertThat(offer.get("payload").get("kind").textValue()).isEqualTo("offer");
      assertThat(offer.get("payload").get("candidates").get(0).textValue()).isEqualTo("198.18.0.20:4000");
      assertThat(a.next("sent").get("id").textValue()).isEqualTo("o1");

      b.send("{\"type\":\"signal\",\"id\":\"a1\",\"to\":\"alice\",\"payload\":{\"kind\":\"answer\"}}");
      JsonNode answer = a.next("signal");
      assertThat(answer.get("from").textValue()).isEqualTo("bob");
      assertThat(answer.get("payload").get("kind").textValue()).isEqualTo("answer");
      assertThat(b.next("sent").get("id").textValue()).isEqualTo("a1");
    }
  }

  @Test
  void signalToARegisteredButOfflineUserIsPeerOffline() {
    server.register(bob);
    try (WsTestClient a = server.login(alice)) {
      a.send("{\"type\":\"signal\",\"id\":\"s\",\"to\":\"bob\",\"payload\":{}}");
      assertThat(a.nextError("peer-offline").get("id").textValue()).isEqualTo("s");
    }
  }

  @Test
  void presenceIsPushedOnConnectAndAfterTheGracePeriodOnDisconnect() {
    server.register(bob);
    try (WsTestClient a = server.login(alice)) {
      a.send("{\"type\":\"watch\",\"users\":[\"bob\"]}");
      assertPresence(a.next("presence"), "bob", false);

      WsTestClient b = server.login(bob);
      assertPresence(a.next("presence"), "bob", true);

      long droppedAt = System.nanoTime();
      b.abort();
      assertPresence(a.next("presence"), "bob", false);
      assertThat(Duration.ofNanos(System.nanoTime() - droppedAt)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
      await().atMost(Duration.ofSeconds(5)).until(() -> server.health().get("online").intValue() == 1);
    }
  }

  @Test
  void unwatchStopsPresence() {
    server.register(bob);
    try (WsTestClient a = server.login(alice)) {
      a.send("{\"type\":\"watch\",\"users\":[\"bob\"]}");
      assertPresence(a.next("presence"), "bob", false);
      a.send("{\"type\":\"unwatch\",\"users\":[\"bob\"]}");
      try (WsTestClient b = server.login(bob)) {
        a.assertAlive(); // the pong is the next message: no presence came before it
      }
    }
  }

  @Test
  void aSecondLoginReplacesTheFirst() {
    try (WsTestClient watcher = server.login(bob); WsTestClient first = server.login(alice)) {
      watcher.send("{\"type\":\"watch\",\"users\":[\"alice\"]}");
      assertPresence(watcher.next("presence"), "alice", true);

      try (WsTestClient second = server.login(alice)) {
        first.nextError("replaced");
        assertThat(first.awaitClose()).isEqualTo(SignalLimits.CLOSE_REPLACED);

        watcher.send("{\"type\":\"signal\",\"to\":\"alice\",\"payload\":{\"n\":1}}");
        assertThat(second.next("signal").get("payload").get("n").intValue()).isEqualTo(1);
        watcher.next("sent");
        // alice never looked offline: the replaced socket's close starts no grace period.
        watcher.assertAlive();
        assertThat(server.health().get("online").intValue()).isEqualTo(2);
      }
    }
  }

  @Test
  void aLoginWithTheSameKeysAfterRegistrationIsALogin() {
    assertThat(server.register(alice)).isEqualTo(201);
    try (WsTestClient a = server.login(alice)) {
      a.assertAlive();
    }
    assertThat(server.health().get("users").intValue()).isEqualTo(1);
  }

  static void assertPresence(JsonNode presence, String user, boolean online) {
    assertThat(presence.get("user").textValue()).isEqualTo(user);
    assertThat(presence.get("online").booleanValue()).as(presence.toString()).isEqualTo(online);
  }
}
