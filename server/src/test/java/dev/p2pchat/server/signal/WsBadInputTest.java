package dev.p2pchat.server.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p2pchat.server.registry.UserRecord;
import dev.p2pchat.server.testing.TestIdentity;
import dev.p2pchat.server.testing.TestServer;
import dev.p2pchat.server.testing.WsTestClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad WebSocket input gets an {@code error} with its code; the socket stays open (except
 * after a failed {@code hello}), nothing in the registry changes, and the server goes on serving.
 */
class WsBadInputTest {
  @TempDir Path dataDir;
  TestServer server;
  final TestIdentity alice = TestIdentity.create("alice");
  final TestIdentity bob = TestIdentity.create("bob");
  Optional<UserRecord> bobBefore;

  @BeforeEach
  void start() {
    server = new TestServer(dataDir);
    server.register(bob);
    bobBefore = server.server.registry().find(bob.user());
  }

  @AfterEach
  void unchangedAndStillServing() {
    assertThat(server.server.registry().find(bob.user())).isEqualTo(bobBefore);
    try (WsTestClient b = server.login(bob)) {
      b.assertAlive();
    }
    server.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "{\"type\":", "[]", "\"hello\"", "{} {}", "{\"type\":\"ping\",\"type\":\"ping\"}"})
  void malformedJsonIsBadJson(String text) {
    try (WsTestClient a = server.login(alice)) {
      a.send(text);
      a.nextError("bad-json");
      a.assertAlive();
    }
  }

  @Test
  void missingAndWrongTypedFieldsAreBadRequestNamingTheField() {
    try (WsTestClient a = server.login(alice)) {
      a.send("{\"id\":\"1\"}");
      assertThat(a.nextError("bad-request").get("message").textValue()).contains("'type'");
      a.send("{\"type\":\"lookup\",\"id\":\"2\"}");
      JsonNode missing = a.nextError("bad-request");
      assertThat(missing.get("message").textValue()).contains("'user'");
      assertThat(missing.get("id").textValue()).isEqualTo("2");
      a.send("{\"type\":\"lookup\",\"user\":[\"bob\"]}");
      assertThat(a.nextError("bad-request").get("message").textValue()).contains("'user'");
      a.send("{\"type\":\"watch\",\"users\":\"bob\"}");
      assertThat(a.nextError("bad-request").get("message").textValue()).contains("'users'");
      a.send("{\"type\":\"signal\",\"to\":\"bob\",\"payload\":\"offer\"}");
      assertThat(a.nextError("bad-request").get("message").textValue()).contains("'payload'");
      a.send("{\"type\":\"ping\",\"id\":5}");
      assertThat(a.nextError("bad-request").get("message").textValue()).contains("'id'");
      a.send("{\"type\":\"ping\",\"id\":\"" + "x".repeat(65) + "\"}");
      a.nextError("bad-request");
      a.assertAlive();
    }
  }

  @Test
  void invalidUsernamesAreBadRequest() {
    try (WsTestClient a = server.login(alice)) {
      a.send("{\"type\":\"lookup\",\"user\":\"Bob\"}");
      a.nextError("bad-request");
      a.send("{\"type\":\"signal\",\"to\":\"../bob\",\"payload\":{}}");
      a.nextError("bad-request");
      a.send("{\"type\":\"watch\",\"users\":[\"bob\",\"\"]}");
      a.nextError("bad-request");
      a.assertAlive(); // the watch above was refused as a whole: no presence for bob came
    }
  }

  @Test
  void unknownTypeIsUnknownType() {
    try (WsTestClient a = server.login(alice)) {
      a.send("{\"type\":\"launch\",\"id\":\"9\"}");
      assertThat(a.nextError("unknown-type").get("id").textValue()).isEqualTo("9");
      a.assertAlive();
    }
  }

  @Test
  void unknownUsersAreUnknownUser() {
    try (WsTestClient a = server.login(alice)) {
      a.send("{\"type\":\"lookup\",\"id\":\"l\",\"user\":\"nobody\"}");
      assertThat(a.nextError("unknown-user").get("id").textValue()).isEqualTo("l");
      a.send("{\"type\":\"signal\",\"to\":\"nobody\",\"payload\":{}}");
      a.nextError("unknown-user");
      a.send("{\"type\":\"watch\",\"users\":[\"nobody\",\"bob\"]}");
      assertThat(a.nextError("unknown-user").get("user").textValue()).isEqualTo("nobody");
      assertThat(a.next("presence").get("user").textValue()).isEqualTo("bob");
      a.assertAlive();
    }
    assertThat(server.server.registry().find(dev.p2pchat.protocol.identity.Username.of("nobody"))).isEmpty();
  }

  @Test
  void messagesBeforeHelloAreNotAuthenticated() {
    try (WsTestClient ws = server.connect()) {
      String nonce = ws.next("challenge").get("nonce").textValue();
      for (String message : new String[] {
          "{\"type\":\"lookup\",\"user\":\"bob\"}",
          "{\"type\":\"signal\",\"to\":\"bob\",\"payload\":{}}",
          "{\"type\":\"watch\",\"users\":[\"bob\"]}",
          "{\"type\":\"ping\"}"}) {
        ws.send(message);
        ws.nextError("not-authenticated");
      }
      // Still open, and the challenge is still good.
      ws.send(alice.hello(nonce));
      ws.next("welcome");
    }
  }

  @Test
  void aMalformedHelloIsBadRequestAndTheChallengeStaysValid() {
    try (WsTestClient ws = server.connect()) {
      String nonce = ws.next("challenge").get("nonce").textValue();
      ws.send(alice.hello(nonce).replace(alice.dh().toText(), "short"));
      assertThat(ws.nextError("bad-request").get("message").textValue()).contains("dh_key");
      ws.send(alice.hello(nonce).replace("\"alice\"", "\"Alice\""));
      ws.nextError("bad-request");
      ws.send(alice.hello(nonce));
      ws.next("welcome");
    }
    assertThat(server.health().get("users").intValue()).isEqualTo(2);
  }

  @Test
  void aBadSignatureClosesWithoutRegistering() {
    try (WsTestClient ws = server.connect()) {
      ws.next("challenge");
      // Signed over another nonce than the one the server sent.
      ws.send(alice.hello(dev.p2pchat.protocol.identity.Base64Url.encode(new byte[32])));
      ws.nextError("bad-signature");
      assertThat(ws.awaitClose()).isEqualTo(SignalLimits.CLOSE_AUTH_FAILED);
    }
    assertThat(server.server.registry().find(alice.user())).isEmpty();
  }

  @Test
  void aStaleNonceIsABadSignature() {
    try (WsTestClient ws = server.connect()) {
      String nonce = ws.next("challenge").get("nonce").textValue();
      server.clock.advance(SignalLimits.NONCE_TTL.plus(Duration.ofSeconds(1)));
      ws.send(alice.hello(nonce));
      ws.nextError("bad-signature");
      assertThat(ws.awaitClose()).isEqualTo(SignalLimits.CLOSE_AUTH_FAILED);
    }
    assertThat(server.server.registry().find(alice.user())).isEmpty();
  }

  @Test
  void aTakenNameWithOtherKeysIsRefused() {
    try (WsTestClient ws = server.connect()) {
      ws.send(bob.withOtherKeys().hello(ws.next("challenge").get("nonce").textValue()));
      ws.nextError("name-taken");
      assertThat(ws.awaitClose()).isEqualTo(SignalLimits.CLOSE_AUTH_FAILED);
    }
  }

  @Test
  void aSecondHelloAfterWelcomeIsBadRequest() {
    try (WsTestClient a = server.login(alice)) {
      a.send(bob.hello(dev.p2pchat.protocol.identity.Base64Url.encode(new byte[32])));
      a.nextError("bad-request");
      a.assertAlive();
    }
  }

  @Test
  void oversizeMessagesAndPayloadsAreTooLargeAndTheSocketStays() {
    try (WsTestClient a = server.login(alice); WsTestClient b = server.login(bob)) {
      String bigPayload = "{\"type\":\"signal\",\"id\":\"big\",\"to\":\"bob\",\"payload\":{\"x\":\""
          + "a".repeat(SignalLimits.MAX_PAYLOAD_BYTES) + "\"}}";
      a.send(bigPayload);
      assertThat(a.nextError("too-large").get("id").textValue()).isEqualTo("big");
      a.send("{\"type\":\"ping\",\"pad\":\"" + "a".repeat(SignalLimits.MAX_WS_MESSAGE_BYTES) + "\"}");
      a.nextError("too-large");
      a.assertAlive();
      b.assertAlive(); // bob got nothing forwarded
    }
  }

  @Test
  void aMessageBeyondTheHardLimitClosesWith1009() {
    try (WsTestClient a = server.login(alice)) {
      a.send("{\"type\":\"ping\",\"pad\":\"" + "a".repeat(SignalLimits.HARD_WS_MESSAGE_BYTES) + "\"}");
      assertThat(a.awaitClose()).isEqualTo(1009);
    }
  }

  @Test
  void binaryFramesAreRefused() {
    try (WsTestClient a = server.login(alice)) {
      a.sendBinary(new byte[] {1, 2, 3});
      a.nextError("bad-json");
      a.assertAlive();
    }
  }
}
