package dev.p2pchat.server.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p2pchat.protocol.turn.RestCredentials;
import dev.p2pchat.protocol.turn.TurnSecret;
import dev.p2pchat.server.testing.TestIdentity;
import dev.p2pchat.server.testing.TestServer;
import dev.p2pchat.server.testing.WsTestClient;
import dev.p2pchat.traversal.turn.RelayedEndpoint;
import dev.p2pchat.traversal.turn.TurnCredentials;
import dev.p2pchat.traversal.turn.TurnError;
import dev.p2pchat.traversal.turn.TurnException;
import dev.p2pchat.traversal.turn.TurnUri;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our TURN client (traversal.turn) over real loopback UDP against the two relays an operator may run:
 * real coturn with the REST API secret, and the built-in relay of {@code p2pchat server} with the
 * credentials its signalling hands out in {@code welcome}. Both: Allocate (with the 401 dance),
 * CreatePermission, Send/Data indications, ChannelBind, ChannelData both ways, Refresh(0).
 */
class TurnInteropTest {
  static final String SECRET = "interop-secret";
  @TempDir Path dir;

  @Test
  void ourClientRelaysBothWaysThroughCoturn() throws Exception {
    Optional<Path> binary = Coturn.binary();
    Assumptions.assumeTrue(binary.isPresent(),
        "coturn's turnserver is not installed (Debian package coturn): skipping the coturn interop test");
    int minPort = 42_000 + (int) (ProcessHandle.current().pid() % 50) * 100;
    try (Coturn coturn = Coturn.start(binary.get(), dir, SECRET, minPort)) {
      String username = RestCredentials.username(Instant.now().plus(Duration.ofHours(1)), "alice");
      var credentials = new TurnCredentials(coturn.address, username,
          RestCredentials.password(TurnSecret.of(SECRET), username));
      try (UdpTurnClient client = new UdpTurnClient(credentials); UdpPeer peer = new UdpPeer()) {
        RelayedEndpoint relayed = client.allocate();
        assertThat(relayed.localAddress().getPort()).as(coturn.logText()).isBetween(minPort, minPort + 99);
        relaysBothWays(client, relayed, peer);
      }
    }
  }

  @Test
  void coturnRefusesAWrongPasswordAndTheClientSaysSo() throws Exception {
    Optional<Path> binary = Coturn.binary();
    Assumptions.assumeTrue(binary.isPresent(),
        "coturn's turnserver is not installed (Debian package coturn): skipping the coturn interop test");
    int minPort = 47_000 + (int) (ProcessHandle.current().pid() % 50) * 100;
    try (Coturn coturn = Coturn.start(binary.get(), dir, SECRET, minPort)) {
      String username = RestCredentials.username(Instant.now().plus(Duration.ofHours(1)), "alice");
      var credentials = new TurnCredentials(coturn.address, username,
          RestCredentials.password(TurnSecret.of("another-secret"), username));
      try (UdpTurnClient client = new UdpTurnClient(credentials)) {
        assertThatThrownBy(() -> client.turn.allocate().get(30, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .cause().isInstanceOfSatisfying(TurnException.class,
                e -> assertThat(e.error()).isInstanceOf(TurnError.WrongCredentials.class));
      }
    }
  }

  @Test
  void ourClientRelaysBothWaysThroughTheBuiltInRelayWithCredentialsFromWelcome() throws Exception {
    try (TestServer server = new TestServer(dir, b -> b.relayAllowLoopbackPeers(true).relayPorts(new PortRange(50_000, 50_999)))) {
      TurnCredentials credentials = fromWelcome(server);
      assertThat(credentials.server()).isEqualTo(server.server.stun().primaryAddress());
      try (UdpTurnClient client = new UdpTurnClient(credentials); UdpPeer peer = new UdpPeer()) {
        RelayedEndpoint relayed = client.allocate();
        assertThat(relayed.localAddress().getPort()).isBetween(50_000, 50_999);
        relaysBothWays(client, relayed, peer);
        assertThat(server.server.relay().orElseThrow().allocations()).isZero(); // Refresh(0) deleted it
      }
    }
  }

  /** What a client does with {@code welcome}: the first TURN entry's first URL, with its username and password. */
  private static TurnCredentials fromWelcome(TestServer server) throws IOException {
    try (WsTestClient ws = server.connect()) {
      ws.send(TestIdentity.create("alice").hello(ws.next("challenge").get("nonce").textValue()));
      JsonNode entry = ws.next("welcome").get("turn").get(0);
      return TurnUri.parse(entry.get("urls").get(0).textValue())
          .credentials(entry.get("username").textValue(), entry.get("password").textValue());
    }
  }

  /**
   * Client to peer (permission, Send indication), peer to client (Data indication or ChannelData),
   * then ChannelData both ways once the channel is bound, then the allocation deleted.
   */
  private static void relaysBothWays(UdpTurnClient client, RelayedEndpoint relayed, UdpPeer peer) throws Exception {
    assertThat(relayed.localAddress().getAddress()).isEqualTo(InetAddress.getLoopbackAddress());
    relayed.send(peer.address(), UdpPeer.bytes("hello 1"));
    UdpPeer.Received first = peer.receive();
    assertThat(first.text()).isEqualTo("hello 1");
    assertThat(first.source()).isEqualTo(relayed.localAddress());

    peer.send(relayed.localAddress(), "back 1");
    assertThat(client.next().data()).asString().isEqualTo("back 1");

    // The first send also bound a channel; once the server uses it toward us, it is bound on both sides.
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      peer.send(relayed.localAddress(), "back 2");
      client.next();
      return client.onLoop(() -> client.turn.stats().receivedChannelData()) > 0;
    });
    byte[] big = new byte[1_200];
    new java.util.SplittableRandom(5).nextBytes(big);
    relayed.send(peer.address(), big);
    UdpPeer.Received bigAtPeer = peer.receive();
    assertThat(bigAtPeer.data()).isEqualTo(big);
    assertThat(bigAtPeer.source()).isEqualTo(relayed.localAddress());
    assertThat(client.onLoop(() -> client.turn.stats().sentChannelData())).isPositive();
    assertThat(client.onLoop(() -> client.turn.stats().dropped())).isZero();

    client.turn.close().get(10, TimeUnit.SECONDS);
    assertThat(client.onLoop(() -> client.turn.state())).isEqualTo(dev.p2pchat.traversal.turn.TurnClient.State.CLOSED);
  }

  static InetSocketAddress loopback(int port) {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }
}
