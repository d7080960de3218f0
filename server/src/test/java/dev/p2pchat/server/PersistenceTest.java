package dev.p2pchat.server;

import static dev.p2pchat.server.testing.TestServer.assertError;
import static dev.p2pchat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.server.registry.SqliteRegistryStore;
import dev.p2pchat.server.testing.TestIdentity;
import dev.p2pchat.server.testing.TestServer;
import dev.p2pchat.server.testing.WsTestClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry survives a restart on the same data directory. */
class PersistenceTest {
  @TempDir Path dataDir;

  @Test
  void usersAndKeysSurviveARestart() {
    TestIdentity alice = TestIdentity.create("alice");
    TestIdentity bob = TestIdentity.create("bob");
    try (TestServer first = new TestServer(dataDir)) {
      assertThat(first.register(alice)).isEqualTo(201);
      first.login(bob).close();
    }
    assertThat(dataDir.resolve(SqliteRegistryStore.FILE_NAME)).exists();

    try (TestServer second = new TestServer(dataDir)) {
      assertThat(second.health().get("users").intValue()).isEqualTo(2);
      assertThat(json(second.get("/v1/users/alice")).get("signing_key").textValue())
          .isEqualTo(alice.signing().publicKey().toText());
      assertThat(json(second.get("/v1/users/bob")).get("dh_key").textValue()).isEqualTo(bob.dh().toText());
      assertThat(second.register(alice)).isEqualTo(200);
      try (WsTestClient b = second.login(bob)) {
        b.assertAlive();
      }
    }
  }

  @Test
  void aTakenNameIsStillRefusedAfterARestart() {
    TestIdentity alice = TestIdentity.create("alice");
    try (TestServer first = new TestServer(dataDir)) {
      first.register(alice);
    }
    try (TestServer second = new TestServer(dataDir)) {
      TestIdentity impostor = alice.withOtherKeys();
      String nonce = json(second.get("/v1/challenge")).get("nonce").textValue();
      assertError(second.post("/v1/users", impostor.registration(nonce)), 409, "name-taken");

      try (WsTestClient ws = second.connect()) {
        ws.send(impostor.hello(ws.next("challenge").get("nonce").textValue()));
        ws.nextError("name-taken");
        assertThat(ws.awaitClose()).isEqualTo(4001);
      }
      assertThat(second.server.registry().find(alice.user()).orElseThrow().signingKey())
          .isEqualTo(alice.signing().publicKey());
    }
  }
}
