package dev.p2pchat.server.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p2pchat.protocol.turn.RestCredentials;
import dev.p2pchat.protocol.turn.TurnSecret;
import dev.p2pchat.server.ServerConfig;
import dev.p2pchat.server.TurnSettings;
import dev.p2pchat.server.testing.TestIdentity;
import dev.p2pchat.server.testing.TestServer;
import dev.p2pchat.server.testing.WsTestClient;
import dev.p2pchat.server.turn.TurnSecretFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TURN REST API credentials in {@code welcome} and {@code turn-credentials} (docs/api.md, "TURN"). */
class TurnCredentialsSignallingTest {
  @TempDir Path dataDir;
  final TestIdentity alice = TestIdentity.create("alice");

  private static JsonNode welcome(TestServer server, TestIdentity id) {
    try (WsTestClient ws = server.connect()) {
      ws.send(id.hello(ws.next("challenge").get("nonce").textValue()));
      return ws.next("welcome");
    }
  }

  private TestServer server(UnaryOperator<ServerConfig.Builder> tweak) {
    return new TestServer(dataDir, tweak);
  }

  private TurnSecret storedSecret() throws IOException {
    return TurnSecret.of(Files.readString(dataDir.resolve(TurnSecretFile.NAME)).strip());
  }

  @Test
  void welcomeCarriesCredentialsForTheBuiltInRelayOnTheStunPort() throws IOException {
    try (TestServer server = server(b -> b)) {
      JsonNode turn = welcome(server, alice).get("turn");
      assertThat(turn).hasSize(1);
      JsonNode entry = turn.get(0);
      int stunPort = server.server.stun().primaryAddress().getPort();
      assertThat(entry.get("urls")).extracting(JsonNode::textValue)
          .containsExactly("turn:127.0.0.1:" + stunPort + "?transport=udp");
      long expiry = server.clock.instant().plus(TurnSettings.DEFAULT_CREDENTIAL_TTL).getEpochSecond();
      String username = entry.get("username").textValue();
      assertThat(username).isEqualTo(expiry + ":alice");
      assertThat(entry.get("ttl").longValue()).isEqualTo(86_400);
      assertThat(entry.get("password").textValue()).isEqualTo(RestCredentials.password(storedSecret(), username));
      assertThat(server.server.relay()).isPresent();
    }
  }

  @Test
  void turnCredentialsRequestIssuesFreshOnesLater() {
    try (TestServer server = server(b -> b.turnSecret("s3cret").turnTtl(Duration.ofMinutes(10)))) {
      try (WsTestClient ws = server.login(alice)) {
        server.clock.advance(Duration.ofHours(2));
        ws.send("{\"type\":\"turn-credentials\",\"id\":\"t1\"}");
        JsonNode reply = ws.next("turn-credentials");
        assertThat(reply.get("id").textValue()).isEqualTo("t1");
        JsonNode entry = reply.get("turn").get(0);
        long expiry = server.clock.instant().plus(Duration.ofMinutes(10)).getEpochSecond();
        assertThat(entry.get("username").textValue()).isEqualTo(expiry + ":alice");
        assertThat(entry.get("ttl").longValue()).isEqualTo(600);
        assertThat(entry.get("password").textValue())
            .isEqualTo(RestCredentials.password(TurnSecret.of("s3cret"), expiry + ":alice"));
      }
    }
    assertThat(dataDir.resolve(TurnSecretFile.NAME)).doesNotExist(); // a configured secret is never stored
  }

  @Test
  void externalRelaysAreAdvertisedAfterTheBuiltInOne() {
    try (TestServer server = server(b -> b.turnSecret("s3cret").turnUrls(List.of("turn:198.18.0.30", "turn:[2001:db8::1]:3479")))) {
      JsonNode urls = welcome(server, alice).get("turn").get(0).get("urls");
      assertThat(urls).extracting(JsonNode::textValue).containsExactly(
          "turn:127.0.0.1:" + server.server.stun().primaryAddress().getPort() + "?transport=udp",
          "turn:198.18.0.30:3478?transport=udp",
          "turn:[2001:db8::1]:3479?transport=udp");
    }
  }

  @Test
  void withNoRelayOnlyExternalRelaysAreAdvertised() {
    try (TestServer server = server(b -> b.noRelay(true).turnSecret("s3cret").turnUrls(List.of("turn:198.18.0.30:3478")))) {
      JsonNode urls = welcome(server, alice).get("turn").get(0).get("urls");
      assertThat(urls).extracting(JsonNode::textValue).containsExactly("turn:198.18.0.30:3478?transport=udp");
      assertThat(server.server.relay()).isEmpty();
    }
  }

  @Test
  void withNoRelayAtAllWelcomeHasNoTurnAndTheRequestAnEmptyList() {
    try (TestServer server = server(b -> b.noRelay(true))) {
      assertThat(welcome(server, alice).has("turn")).isFalse();
      try (WsTestClient ws = server.login(alice)) {
        ws.send("{\"type\":\"turn-credentials\"}");
        assertThat(ws.next("turn-credentials").get("turn")).isEmpty();
      }
    }
    assertThat(dataDir.resolve(TurnSecretFile.NAME)).doesNotExist();
  }

  @Test
  void theGeneratedSecretIsPrivateAndSurvivesARestart() throws IOException {
    String first;
    try (TestServer server = server(b -> b)) {
      first = welcome(server, alice).get("turn").get(0).get("password").textValue();
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(TurnSecretFile.NAME))))
        .isEqualTo("rw-------");
    TurnSecret secret = storedSecret();
    try (TestServer server = server(b -> b)) {
      String username = welcome(server, alice).get("turn").get(0).get("username").textValue();
      assertThat(RestCredentials.password(secret, username)).isEqualTo(first); // same clock, same secret
    }
  }
}
