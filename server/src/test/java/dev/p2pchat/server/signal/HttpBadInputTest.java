package dev.p2pchat.server.signal;

import static dev.p2pchat.server.testing.TestServer.assertError;
import static dev.p2pchat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.server.registry.UserRecord;
import dev.p2pchat.server.testing.TestIdentity;
import dev.p2pchat.server.testing.TestServer;
import java.net.http.HttpRequest;
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
 * Every bad HTTP input gets its error code, changes nothing (bob stays registered with his keys,
 * nobody else appears), and the server goes on serving.
 */
class HttpBadInputTest {
  @TempDir Path dataDir;
  TestServer server;
  final TestIdentity bob = TestIdentity.create("bob");
  Optional<UserRecord> bobBefore;
  int expectedUsers = 1;

  @BeforeEach
  void start() {
    server = new TestServer(dataDir);
    server.register(bob);
    bobBefore = server.server.registry().find(bob.user());
  }

  @AfterEach
  void unchangedAndStillServing() {
    assertThat(server.health().get("users").intValue()).isEqualTo(expectedUsers);
    assertThat(server.server.registry().find(bob.user())).isEqualTo(bobBefore);
    assertThat(server.register(TestIdentity.create("after"))).isEqualTo(201);
    server.close();
  }

  private String freshNonce() {
    return json(server.get("/v1/challenge")).get("nonce").textValue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "{\"user\":", "[1,2]", "\"text\"", "42", "{} {}", "{\"a\":1,\"a\":2}"})
  void malformedJsonIsBadJson(String body) {
    assertError(server.post("/v1/users", body), 400, "bad-json");
  }

  @Test
  void missingFieldsAreBadRequestNamingTheField() {
    var response = server.post("/v1/users", "{\"user\":\"carol\"}");
    assertError(response, 400, "bad-request");
    assertThat(json(response).get("message").textValue()).contains("signing_key");
  }

  @Test
  void wrongTypesAreBadRequest() {
    TestIdentity carol = TestIdentity.create("carol");
    assertError(server.post("/v1/users", "{}"), 400, "bad-request");
    String wrongType = carol.registration(freshNonce()).replace("\"user\":\"carol\"", "\"user\":7");
    var response = server.post("/v1/users", wrongType);
    assertError(response, 400, "bad-request");
    assertThat(json(response).get("message").textValue()).contains("'user'").contains("string");
  }

  @Test
  void malformedKeysAndSignaturesAreBadRequest() {
    TestIdentity carol = TestIdentity.create("carol");
    String good = carol.registration(freshNonce());
    String shortKey = good.replace(carol.signing().publicKey().toText(), "AAAA");
    assertError(server.post("/v1/users", shortKey), 400, "bad-request");
    String padded = good.replace(carol.dh().toText(), carol.dh().toText() + "=");
    assertError(server.post("/v1/users", padded), 400, "bad-request");
    String badSig = good.replaceAll("\"signature\":\"[^\"]*\"", "\"signature\":\"!!\"");
    assertError(server.post("/v1/users", badSig), 400, "bad-request");
  }

  @Test
  void invalidUsernamesAreBadRequest() {
    TestIdentity carol = TestIdentity.create("carol");
    String upper = carol.registration(freshNonce()).replace("\"user\":\"carol\"", "\"user\":\"Carol\"");
    assertError(server.post("/v1/users", upper), 400, "bad-request");
    assertError(server.get("/v1/users/Bob"), 400, "bad-request");
    assertError(server.get("/v1/users/" + "a".repeat(33)), 400, "bad-request");
  }

  @Test
  void aWrongSignatureIs401() {
    TestIdentity carol = TestIdentity.create("carol");
    String nonce = freshNonce();
    String signedByOther = carol.registration(nonce)
        .replaceAll("\"signature\":\"[^\"]*\"", "\"signature\":\"" + TestIdentity.create("carol").signature(nonce) + "\"");
    assertError(server.post("/v1/users", signedByOther), 401, "bad-signature");
    assertError(server.get("/v1/users/carol"), 404, "unknown-user");
  }

  @Test
  void anUnknownOrExpiredNonceIs401() {
    TestIdentity carol = TestIdentity.create("carol");
    String invented = dev.p2pchat.protocol.identity.Base64Url.encode(new byte[32]);
    assertError(server.post("/v1/users", carol.registration(invented)), 401, "bad-signature");
    String nonce = freshNonce();
    server.clock.advance(SignalLimits.NONCE_TTL.plus(Duration.ofSeconds(1)));
    assertError(server.post("/v1/users", carol.registration(nonce)), 401, "bad-signature");
    assertError(server.get("/v1/users/carol"), 404, "unknown-user");
  }

  @Test
  void aMalformedNonceIsBadRequestNamingIt() {
    TestIdentity carol = TestIdentity.create("carol");
    String nonce = freshNonce();
    String body = carol.registration(nonce).replace("\"nonce\":\"" + nonce + "\"", "\"nonce\":\"abc\"");
    var response = server.post("/v1/users", body);
    assertError(response, 400, "bad-request");
    assertThat(json(response).get("message").textValue()).contains("nonce");
    String numeric = carol.registration(nonce).replace("\"nonce\":\"" + nonce + "\"", "\"nonce\":1");
    assertError(server.post("/v1/users", numeric), 400, "bad-request");
    // The real nonce was not spent by the malformed attempts.
    assertThat(server.post("/v1/users", carol.registration(nonce)).statusCode()).isEqualTo(201);
    expectedUsers = 2;
  }

  @Test
  void aTakenNameIs409() {
    assertError(server.post("/v1/users", bob.withOtherKeys().registration(freshNonce())), 409, "name-taken");
  }

  @Test
  void anOversizeBodyIs413() {
    String huge = "{\"user\":\"" + "a".repeat(SignalLimits.MAX_HTTP_BODY_BYTES) + "\"}";
    assertError(server.post("/v1/users", huge), 413, "too-large");
    // Without a Content-Length: the size is only known after reading.
    var chunked = HttpRequest.newBuilder(server.base().resolve("/v1/users"))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge.getBytes())))
        .build();
    assertError(server.send(chunked), 413, "too-large");
  }

  @Test
  void unknownEndpointsAreJson404() {
    assertError(server.get("/v2/nothing"), 404, "not-found");
  }
}
