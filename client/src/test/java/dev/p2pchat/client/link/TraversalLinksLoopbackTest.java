package dev.p2pchat.client.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.client.ChatClient;
import dev.p2pchat.client.ChatOptions;
import dev.p2pchat.client.event.ChatEvent;
import dev.p2pchat.client.event.EventSink;
import dev.p2pchat.client.identity.Identity;
import dev.p2pchat.client.store.InMemoryChatStore;
import dev.p2pchat.protocol.identity.Username;
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
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat client's real traversal wiring on loopback UDP: candidates gathered by the agent travel as
 * JSON inside the signalling payloads of the real server, the agents' checks find the path, and
 * messages cross it over the real session layer (Noise IK, reliable stream), encrypted on the wire.
 */
class TraversalLinksLoopbackTest {
  @TempDir Path dir;

  static final class Events implements EventSink {
    final List<ChatEvent> all = new CopyOnWriteArrayList<>();

    @Override
    public void emit(ChatEvent event) {
      all.add(event);
    }

    <T extends ChatEvent> List<T> of(Class<T> type) {
      return all.stream().filter(type::isInstance).map(type::cast).toList();
    }
  }

  private final WireTap wire = new WireTap(UdpNetwork.onAddress(InetAddress.getLoopbackAddress()));

  private ChatClient client(RendezvousServer server, Identity identity, Events events, boolean acceptAll) {
    TraversalLinks links = new TraversalLinks(wire, new InetSocketAddress(0),
        new ThreadTaskLoop("traversal-" + identity.user()), AgentConfig.defaults(), NoiseSessions.onOwnThreads(),
        identity, new SecureRandom());
    return new ChatClient(identity, new InMemoryChatStore(), links, events,
        ChatOptions.defaults(server.httpUri()).withAcceptAll(acceptAll));
  }

  @Test
  void twoClientsConnectOverLoopbackUdpAndChat() throws Exception {
    Identity alice = Identity.generate(Username.of("alice"), new SecureRandom());
    Identity bob = Identity.generate(Username.of("bob"), new SecureRandom());
    Events aliceEvents = new Events();
    Events bobEvents = new Events();
    try (RendezvousServer server = RendezvousServer.builder(ServerConfig.defaults().toBuilder()
            .bind("127.0.0.1").httpPort(0).stunPort(0).dataDir(dir).build()).start();
        ChatClient b = client(server, bob, bobEvents, true);
        ChatClient a = client(server, alice, aliceEvents, false)) {
      b.start(Optional.empty()).get(10, TimeUnit.SECONDS);
      a.start(Optional.of(bob.user())).get(10, TimeUnit.SECONDS);

      a.send("over real UDP");

      Awaitility.await().atMost(15, TimeUnit.SECONDS).until(() -> !bobEvents.of(ChatEvent.MessageReceived.class).isEmpty());
      assertThat(bobEvents.of(ChatEvent.MessageReceived.class).getFirst().text()).isEqualTo("over real UDP");
      Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> !aliceEvents.of(ChatEvent.Delivered.class).isEmpty());
      ChatEvent.Connected connected = aliceEvents.of(ChatEvent.Connected.class).getFirst();
      assertThat(connected.remote()).startsWith("127.0.0.1:");
      b.send("and back");
      Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> !aliceEvents.of(ChatEvent.MessageReceived.class).isEmpty());
      assertThat(a.drained(bob.user(), Duration.ofSeconds(5)).get()).isTrue();
      assertThat(wire.sent).hasSizeGreaterThan(4);
      assertThat(wire.carried("over real UDP")).as("plaintext on the wire").isFalse();
      assertThat(wire.carried("and back")).as("plaintext on the wire").isFalse();
    }
  }
}
