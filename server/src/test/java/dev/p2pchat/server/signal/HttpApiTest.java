package dev.p2pchat.server.signal;

import static dev.p2pchat.server.testing.TestServer.assertError;
import static dev.p2pchat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p2pchat.server.testing.TestIdentity;
import dev.p2pchat.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpApiTest {
  @TempDir Path dataDir;
  TestServer server;
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
  void healthzCountsUsers() {
    JsonNode health = server.health();
    assertThat(health.get("status").textValue()).isEqualTo("ok");
    assertThat(health.get("users").intValue()).isZero();
    server.register(bob);
    assertThat(server.health().get("users").intValue()).isEqualTo(1);
  }

  @Test
  void registerThenLookUp() {
    String nonce = json(server.get("/v1/challenge")).get("nonce").textValue();
    HttpResponse<String> created = server.post("/v1/users", bob.registration(nonce));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(json(created).get("created").booleanValue()).isTrue();

    HttpResponse<String> found = server.get("/v1/users/bob");
    assertThat(found.statusCode()).isEqualTo(200);
    assertThat(found.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode user = json(found);
    assertThat(user.get("user").textValue()).isEqualTo("bob");
    assertThat(user.get("online").booleanValue()).isFalse();
    assertThat(user.get("signing_key").textValue()).isEqualTo(bob.signing().publicKey().toText());
    assertThat(user.get("dh_key").textValue()).isEqualTo(bob.dh().toText());
  }

  @Test
  void registeringAgainWithTheSameKeysIs200() {
    assertThat(server.register(bob)).isEqualTo(201);
    assertThat(server.register(bob)).isEqualTo(200);
    assertThat(server.health().get("users").intValue()).isEqualTo(1);
  }

  @Test
  void aTakenNameWithOtherKeysIs409AndChangesNothing() {
    server.register(bob);
    TestIdentity impostor = bob.withOtherKeys();
    String nonce = json(server.get("/v1/challenge")).get("nonce").textValue();
    assertError(server.post("/v1/users", impostor.registration(nonce)), 409, "name-taken");
    assertThat(json(server.get("/v1/users/bob")).get("signing_key").textValue())
        .isEqualTo(bob.signing().publicKey().toText());
  }

  @Test
  void unknownUserIs404() {
    assertError(server.get("/v1/users/nobody"), 404, "unknown-user");
  }

  @Test
  void aChallengeIsValidOnce() {
    String nonce = json(server.get("/v1/challenge")).get("nonce").textValue();
    assertThat(server.post("/v1/users", bob.registration(nonce)).statusCode()).isEqualTo(201);
    TestIdentity carol = TestIdentity.create("carol");
    assertError(server.post("/v1/users", carol.registration(nonce)), 401, "bad-signature");
    assertError(server.get("/v1/users/carol"), 404, "unknown-user");
  }
}
