package dev.p2pchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.client.event.ChatEvent;
import dev.p2pchat.client.event.EventSink;
import dev.p2pchat.client.identity.Identity;
import dev.p2pchat.client.link.NoiseSessions;
import dev.p2pchat.client.link.TraversalLinks;
import dev.p2pchat.client.store.InMemoryChatStore;
import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.server.RendezvousServer;
import dev.p2pchat.server.ServerConfig;
import dev.p2pchat.traversal.AgentConfig;
import dev.p2pchat.traversal.loop.ThreadTaskLoop;
import dev.p2pchat.traversal.net.UdpNetwork;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ready} event carries the client's server-reflexive address, as the README's --json contract
 * says, also where it equals a host address (no NAT, e.g. client and server on one machine): there the
 * gatherer rightly drops the srflx candidate as redundant, but the address STUN saw is still known.
 */
class ReadyPublicAddressTest {
  @TempDir Path dir;

  @Test
  void readyCarriesThePublicAddressSeenByTheServersStun() throws Exception {
    Identity alice = Identity.generate(Username.of("alice"), new SecureRandom());
    List<ChatEvent> events = new CopyOnWriteArrayList<>();
    EventSink sink = events::add;
    int port;
    try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort(); // a free port, so the expected address is known
    }
    TraversalLinks links = new TraversalLinks(UdpNetwork.onAddress(InetAddress.getLoopbackAddress()),
        new InetSocketAddress(InetAddress.getLoopbackAddress(), port), new ThreadTaskLoop("traversal-alice"),
        AgentConfig.defaults(), NoiseSessions.onOwnThreads(), alice, new SecureRandom());
    try (RendezvousServer server = RendezvousServer.builder(ServerConfig.defaults().toBuilder()
            .bind("127.0.0.1").httpPort(0).stunPort(0).dataDir(dir).build()).start();
        ChatClient client = new ChatClient(alice, new InMemoryChatStore(), links, sink,
            ChatOptions.defaults(server.httpUri()))) {
      client.start(Optional.empty()).get(10, TimeUnit.SECONDS);

      Awaitility.await().atMost(10, TimeUnit.SECONDS)
          .until(() -> events.stream().anyMatch(ChatEvent.Ready.class::isInstance));
      ChatEvent.Ready ready = events.stream().filter(ChatEvent.Ready.class::isInstance)
          .map(ChatEvent.Ready.class::cast).findFirst().orElseThrow();
      assertThat(ready.publicAddress()).contains("127.0.0.1:" + port);
    }
  }
}
