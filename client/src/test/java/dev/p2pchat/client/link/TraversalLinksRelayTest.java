package dev.p2pchat.client.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p2pchat.client.event.PathKind;
import dev.p2pchat.client.identity.Identity;
import dev.p2pchat.client.signalling.ServerMessage;
import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.protocol.turn.RestCredentials;
import dev.p2pchat.protocol.turn.TurnSecret;
import dev.p2pchat.server.RendezvousServer;
import dev.p2pchat.server.ServerConfig;
import dev.p2pchat.traversal.AgentConfig;
import dev.p2pchat.traversal.loop.ThreadTaskLoop;
import dev.p2pchat.traversal.net.UdpNetwork;
import dev.p2pchat.traversal.net.WireTap;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TraversalLinks} allocates on the TURN relay the server's {@code welcome} offers, and a link whose
 * only working pair goes through that relay (real server, real loopback UDP) carries the Noise session:
 * the relay forwards only ciphertext.
 */
class TraversalLinksRelayTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "relay-test-secret";

  @TempDir Path dir;

  static final class Recorder implements LinkListener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override public void onEstablished(PathKind path, String remote) { events.add("established " + path); }
    @Override public void onMessage(UUID id, byte[] payload) { events.add("message " + new String(payload)); }
    @Override public void onDelivered(UUID id) { events.add("delivered " + id); }
    @Override public void onPathChanged(PathKind path, String remote) { events.add("path " + path); }
    @Override public void onClosed(String reason) { events.add("closed " + reason); }
  }

  /** The welcome the server would send {@code user}: its STUN service and credentials for its relay. */
  private static ServerMessage.Welcome welcome(RendezvousServer server, String user) {
    InetSocketAddress stun = server.stun().primaryAddress();
    String hostPort = stun.getAddress().getHostAddress() + ":" + stun.getPort();
    String username = RestCredentials.username(Instant.now().plusSeconds(3600), user);
    ObjectNode turn = JSON.createObjectNode();
    turn.putArray("urls").add("turn:" + hostPort + "?transport=udp");
    turn.put("username", username).put("password", RestCredentials.password(TurnSecret.of(SECRET), username));
    return new ServerMessage.Welcome(Username.of(user), 0, List.of(hostPort), List.of(turn));
  }

  private static TraversalLinks links(WireTap wire, Identity identity) {
    return new TraversalLinks(wire, new InetSocketAddress(0), new ThreadTaskLoop("traversal-" + identity.user()),
        AgentConfig.defaults(), NoiseSessions.onOwnThreads(), identity, new SecureRandom());
  }

  /** {@code description} with its candidates narrowed to {@code type}, or replaced by one dead port. */
  private static ObjectNode only(ObjectNode description, String type) {
    ObjectNode copy = description.deepCopy();
    ArrayNode kept = JSON.createArrayNode();
    copy.withArray("candidates").forEach(c -> {
      if (c.path("type").asText().equals(type)) {
        kept.add(c);
      }
    });
    if (kept.isEmpty()) { // a port nobody answers on: the peer's checks must come through our relay
      kept.add(JSON.createObjectNode().put("type", "HOST").put("ip", "127.0.0.1").put("port", 9)
          .put("priority", 1).put("foundation", "dead"));
    }
    copy.set("candidates", kept);
    return copy;
  }

  @Test
  void aLinkThroughTheRelayCarriesOnlyCiphertext() throws Exception {
    Identity alice = Identity.generate(Username.of("alice"), new SecureRandom());
    Identity bob = Identity.generate(Username.of("bob"), new SecureRandom());
    WireTap aliceWire = new WireTap(UdpNetwork.onAddress(InetAddress.getLoopbackAddress()));
    WireTap bobWire = new WireTap(UdpNetwork.onAddress(InetAddress.getLoopbackAddress()));
    try (RendezvousServer server = RendezvousServer.builder(ServerConfig.defaults().toBuilder()
            .bind("127.0.0.1").httpPort(0).stunPort(0).dataDir(dir).turnSecret(SECRET)
            .relayAllowLoopbackPeers(true).build()).start();
        TraversalLinks a = links(aliceWire, alice);
        TraversalLinks b = links(bobWire, bob)) {
      a.useServers(welcome(server, "alice"));
      b.useServers(welcome(server, "bob"));
      LinkAttempt offerer = a.prepare().get(10, TimeUnit.SECONDS);
      LinkAttempt answerer = b.prepare().get(10, TimeUnit.SECONDS);
      assertThat(offerer.description().path("candidates").toString()).contains("RELAY");
      Recorder atAlice = new Recorder();
      Recorder atBob = new Recorder();

      // Bob is told only a dead port of Alice's, Alice only Bob's relayed address (as the traversal interop test).
      Link bobLink = answerer.connect(only(offerer.description(), "none"), LinkRole.CONTROLLED, alice.publicKeys(), atBob);
      Link aliceLink = offerer.connect(only(answerer.description(), "RELAY"), LinkRole.CONTROLLING, bob.publicKeys(), atAlice);
      UUID id = UUID.randomUUID();
      aliceLink.send(id, "relayed but sealed".getBytes());

      Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> atAlice.events.contains("delivered " + id));
      assertThat(atAlice.events.getFirst()).isEqualTo("established RELAYED");
      assertThat(atBob.events).contains("established RELAYED", "message relayed but sealed");
      assertThat(bobLink.status().path()).contains(PathKind.RELAYED);
      assertThat(aliceWire.carried("relayed but sealed") || bobWire.carried("relayed but sealed")).isFalse();
    }
  }
}
