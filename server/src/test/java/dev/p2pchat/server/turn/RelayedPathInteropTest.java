package dev.p2pchat.server.turn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p2pchat.protocol.turn.RestCredentials;
import dev.p2pchat.protocol.turn.TurnSecret;
import dev.p2pchat.server.testing.TestIdentity;
import dev.p2pchat.server.testing.TestServer;
import dev.p2pchat.server.testing.WsTestClient;
import dev.p2pchat.traversal.AgentConfig;
import dev.p2pchat.traversal.Candidate;
import dev.p2pchat.traversal.CandidateType;
import dev.p2pchat.traversal.Path;
import dev.p2pchat.traversal.PeerDescription;
import dev.p2pchat.traversal.Role;
import dev.p2pchat.traversal.TraversalAgent;
import dev.p2pchat.traversal.loop.ThreadTaskLoop;
import dev.p2pchat.traversal.net.UdpNetwork;
import dev.p2pchat.traversal.turn.TurnCredentials;
import dev.p2pchat.traversal.turn.TurnUri;
import java.net.DatagramSocket;
import java.net.InetAddress;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two traversal agents on real loopback UDP whose only way to each other is a relayed candidate: the
 * controlling side is told only the other's RELAY candidate, and the controlled side a host port where
 * nobody answers (as behind two symmetric NATs). The connectivity checks, the selected path and payload
 * frames then go through real coturn, or through the built-in relay with credentials from
 * {@code welcome}: the same stack the client runs, on real sockets and threads.
 */
class RelayedPathInteropTest {
  @TempDir java.nio.file.Path dir;

  @Test
  void agentsConnectThroughCoturn() throws Exception {
    Optional<java.nio.file.Path> binary = Coturn.binary();
    Assumptions.assumeTrue(binary.isPresent(),
        "coturn's turnserver is not installed (Debian package coturn): skipping the coturn interop test");
    int minPort = 44_000 + (int) (ProcessHandle.current().pid() % 20) * 100;
    try (Coturn coturn = Coturn.start(binary.get(), dir, TurnInteropTest.SECRET, minPort)) {
      String username = RestCredentials.username(Instant.now().plus(Duration.ofHours(1)), "alice");
      connectThrough(new TurnCredentials(coturn.address, username,
          RestCredentials.password(TurnSecret.of(TurnInteropTest.SECRET), username)));
    }
  }

  @Test
  void agentsConnectThroughTheBuiltInRelay() throws Exception {
    try (TestServer server = new TestServer(dir, b -> b.relayAllowLoopbackPeers(true))) {
      try (WsTestClient ws = server.connect()) {
        ws.send(TestIdentity.create("alice").hello(ws.next("challenge").get("nonce").textValue()));
        JsonNode entry = ws.next("welcome").get("turn").get(0);
        connectThrough(TurnUri.parse(entry.get("urls").get(0).textValue())
            .credentials(entry.get("username").textValue(), entry.get("password").textValue()));
      }
      assertThat(server.server.relay().orElseThrow().stats().get(TurnStats.Counter.RELAYED_TO_PEER)).isPositive();
    }
  }

  private static void connectThrough(TurnCredentials credentials) throws Exception {
    AgentConfig config = AgentConfig.defaults();
    UdpNetwork loopback = UdpNetwork.onAddress(InetAddress.getLoopbackAddress());
    try (ThreadTaskLoop loopA = new ThreadTaskLoop("agent-a");
         ThreadTaskLoop loopB = new ThreadTaskLoop("agent-b");
         TraversalAgent a = TraversalAgent.open(loopback, loopA, config, new SecureRandom());
         TraversalAgent b = TraversalAgent.open(loopback, loopB, config, new SecureRandom());
         DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      a.useRelay(credentials).get(30, TimeUnit.SECONDS);
      PeerDescription aLocal = a.gather().get(10, TimeUnit.SECONDS);
      PeerDescription bLocal = b.gather().get(10, TimeUnit.SECONDS);
      List<Candidate> relayOnly = aLocal.candidates().stream().filter(c -> c.type() == CandidateType.RELAY).toList();
      assertThat(relayOnly).hasSize(1);
      // b's host candidate as a: the right IP (so a installs a permission for it), a port nobody answers on.
      List<Candidate> unreachable = bLocal.candidates().stream()
          .map(c -> new Candidate(c.type(), c.ip(), silent.getLocalPort(), c.priority(), c.foundation())).toList();

      CompletableFuture<Path> atA = a.connect(aLocal, new PeerDescription(bLocal.ufrag(), bLocal.pwd(), unreachable),
          Role.CONTROLLED);
      CompletableFuture<Path> atB = b.connect(bLocal, new PeerDescription(aLocal.ufrag(), aLocal.pwd(), relayOnly),
          Role.CONTROLLING);
      Path pathA = atA.get(15, TimeUnit.SECONDS);
      Path pathB = atB.get(15, TimeUnit.SECONDS);
      assertThat(pathA.kind()).isEqualTo(Path.Kind.RELAYED);
      assertThat(pathA.localCandidate().type()).isEqualTo(CandidateType.RELAY);
      assertThat(pathB.kind()).isEqualTo(Path.Kind.RELAYED);
      assertThat(pathB.remoteAddress()).isEqualTo(relayOnly.getFirst().address());

      BlockingQueue<byte[]> toA = new LinkedBlockingQueue<>();
      BlockingQueue<byte[]> toB = new LinkedBlockingQueue<>();
      pathA.setListener((p, frame) -> toA.add(frame));
      pathB.setListener((p, frame) -> toB.add(frame));
      pathA.send(new byte[] {(byte) 0xD4, 1});
      pathB.send(new byte[] {(byte) 0xD4, 2});
      assertThat(toB.poll(5, TimeUnit.SECONDS)).containsExactly(0xD4, 1);
      assertThat(toA.poll(5, TimeUnit.SECONDS)).containsExactly(0xD4, 2);
    }
  }
}
