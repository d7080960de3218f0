package dev.p2pchat.server.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.protocol.noise.NoiseKeyPair;
import dev.p2pchat.protocol.reliable.InMemoryDeliveredIds;
import dev.p2pchat.protocol.reliable.MessageId;
import dev.p2pchat.session.ChatSession;
import dev.p2pchat.session.PathKind;
import dev.p2pchat.session.SessionConfig;
import dev.p2pchat.session.SessionListener;
import dev.p2pchat.session.SessionRole;
import dev.p2pchat.traversal.AgentConfig;
import dev.p2pchat.traversal.Path;
import dev.p2pchat.traversal.PathListener;
import dev.p2pchat.traversal.TraversalAgent;
import dev.p2pchat.traversal.nat.FilteringBehavior;
import dev.p2pchat.traversal.nat.MappingBehavior;
import dev.p2pchat.traversal.net.DatagramNetwork;
import dev.p2pchat.traversal.sim.NatBehavior;
import dev.p2pchat.traversal.sim.SimulatedInternet;
import dev.p2pchat.traversal.sim.StunResponder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Relay first, then direct: with a relay on offer, the path starts RELAYED as soon as the relayed pair
 * works, the checks of the direct pairs go on, and the path moves to DIRECT (reported through
 * {@link PathListener#onPathChanged}) once one works. Here the direct route drops everything for the
 * first seconds (a filter in front of Alice's socket that blocks Bob's NAT), so the relay wins the race.
 */
class RelayThenDirectSimTest {
  private static final NatBehavior PORT_RESTRICTED =
      NatBehavior.of(MappingBehavior.ENDPOINT_INDEPENDENT, FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT);
  private static final NatBehavior SYMMETRIC =
      NatBehavior.of(MappingBehavior.ADDRESS_AND_PORT_DEPENDENT, FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT);
  private static final Duration DIRECT_BLOCKED = Duration.ofSeconds(3);

  private final SimulatedInternet net = new SimulatedInternet(29);
  private final SimTurnServer turn = new SimTurnServer(net, net.addPublicHost("198.18.0.10"), c -> c);
  private final AgentConfig config;

  RelayThenDirectSimTest() {
    StunResponder responder = StunResponder.single(net.addPublicHost("198.18.0.11").bind(3478));
    config = AgentConfig.defaults().withStunServers(List.of(responder.primary().localAddress()));
  }

  @Test
  void startsRelayedAndMovesToTheDirectPathOnceItWorks() throws IOException {
    Instant open = net.scheduler().now().plus(DIRECT_BLOCKED);
    InetAddress bobNat = InetAddress.getByName("198.18.2.1");
    TraversalAgent alice = agent(blocking(bobNat, open));
    TraversalAgent bob = agent(net.addLan("198.18.2.1", PORT_RESTRICTED).addHost());
    SimPairing.relay(net, turn, bob, "bob");

    List<Path> paths = SimPairing.connect(net, alice, bob, Duration.ZERO);
    Path a = paths.get(0);
    Path b = paths.get(1);
    assertThat(net.scheduler().now()).isBefore(open);
    assertThat(a.kind()).isEqualTo(Path.Kind.RELAYED);
    assertThat(b.kind()).isEqualTo(Path.Kind.RELAYED);

    List<String> aliceChanges = new ArrayList<>();
    List<String> bobChanges = new ArrayList<>();
    a.setListener(changes(aliceChanges));
    b.setListener(changes(bobChanges));
    net.scheduler().runUntil(() -> a.kind() == Path.Kind.DIRECT && b.kind() == Path.Kind.DIRECT, Duration.ofSeconds(10));

    assertThat(a.kind()).isEqualTo(Path.Kind.DIRECT);
    assertThat(b.kind()).isEqualTo(Path.Kind.DIRECT);
    assertThat(a.remoteAddress().getAddress()).isEqualTo(bobNat);
    assertThat(b.remoteAddress().getAddress().getHostAddress()).isEqualTo("198.18.1.1");
    assertThat(aliceChanges).containsExactly("DIRECT");
    assertThat(bobChanges).containsExactly("DIRECT");
    assertThat(a.isAlive()).isTrue();
    assertThat(b.isAlive()).isTrue();
  }

  @Test
  void aChatSessionKeepsEveryMessageOnceAndInOrderAcrossTheSwitch() throws IOException {
    Instant open = net.scheduler().now().plus(DIRECT_BLOCKED);
    TraversalAgent alice = agent(blocking(InetAddress.getByName("198.18.2.1"), open));
    TraversalAgent bob = agent(net.addLan("198.18.2.1", PORT_RESTRICTED).addHost());
    SimPairing.relay(net, turn, bob, "bob");
    List<Path> paths = SimPairing.connect(net, alice, bob, Duration.ZERO);
    SplittableRandom random = new SplittableRandom(net.random().nextLong());
    NoiseKeyPair aliceKey = NoiseKeyPair.generate(random);
    NoiseKeyPair bobKey = NoiseKeyPair.generate(random);
    Chat atAlice = new Chat();
    Chat atBob = new Chat();
    ChatSession a = ChatSession.open(SessionConfig.defaults(), net.scheduler(), paths.get(0), SessionRole.INITIATOR,
        aliceKey, bobKey.publicKey(), new InMemoryDeliveredIds(), atAlice, random.split());
    ChatSession b = ChatSession.open(SessionConfig.defaults(), net.scheduler(), paths.get(1), SessionRole.RESPONDER,
        bobKey, aliceKey.publicKey(), new InMemoryDeliveredIds(), atBob, random.split());

    int count = 200; // one each way every 40 ms: 8 s of chat, the switch at about 3 s
    for (int i = 0; i < count; i++) {
      int n = i;
      net.scheduler().schedule(Duration.ofMillis(40L * i), () -> {
        a.send(MessageId.of(new UUID(1, n)), ("a" + n).getBytes(StandardCharsets.UTF_8));
        b.send(MessageId.of(new UUID(2, n)), ("b" + n).getBytes(StandardCharsets.UTF_8));
      });
    }
    net.scheduler().runUntil(() -> atAlice.texts.size() == count && atBob.texts.size() == count, Duration.ofSeconds(30));
    net.scheduler().runFor(Duration.ofSeconds(2)); // duplicates, if any, would arrive now

    List<String> fromAlice = new ArrayList<>();
    List<String> fromBob = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      fromAlice.add("a" + i);
      fromBob.add("b" + i);
    }
    assertThat(atBob.texts).containsExactlyElementsOf(fromAlice);
    assertThat(atAlice.texts).containsExactlyElementsOf(fromBob);
    assertThat(atAlice.paths).containsExactly(PathKind.DIRECT);
    assertThat(atBob.paths).containsExactly(PathKind.DIRECT);
    assertThat(atAlice.firstKind).isEqualTo(PathKind.RELAYED);
    assertThat(atBob.firstKind).isEqualTo(PathKind.RELAYED);
    assertThat(a.status().pathKind()).isEqualTo(PathKind.DIRECT);
  }

  /** What one side's session reports (the simulation runs on one thread). */
  private static final class Chat implements SessionListener {
    final List<String> texts = new ArrayList<>();
    final List<PathKind> paths = new ArrayList<>();
    PathKind firstKind;

    @Override
    public void onMessage(MessageId id, byte[] payload) {
      texts.add(new String(payload, StandardCharsets.UTF_8));
    }

    @Override
    public void onDelivered(MessageId id) {}

    @Override
    public void onEstablished(PathKind kind, InetSocketAddress remote) {
      firstKind = kind;
    }

    @Override
    public void onPathChanged(PathKind kind, InetSocketAddress remote) {
      paths.add(kind);
    }
  }

  @Test
  void peersThatCannotPunchStayRelayed() throws IOException {
    TraversalAgent alice = agent(net.addLan("198.18.1.1", SYMMETRIC).addHost());
    TraversalAgent bob = agent(net.addLan("198.18.2.1", SYMMETRIC).addHost());
    SimPairing.relay(net, turn, alice, "alice");
    SimPairing.relay(net, turn, bob, "bob");
    List<Path> paths = SimPairing.connect(net, alice, bob, Duration.ZERO);
    List<String> changes = new ArrayList<>();
    paths.get(0).setListener(changes(changes));
    paths.get(1).setListener(changes(changes));

    net.scheduler().runFor(Duration.ofSeconds(30));

    assertThat(changes).isEmpty();
    assertThat(paths).allSatisfy(p -> {
      assertThat(p.kind()).isEqualTo(Path.Kind.RELAYED);
      assertThat(p.isAlive()).isTrue();
    });
  }

  private static PathListener changes(List<String> into) {
    return new PathListener() {
      @Override
      public void onFrame(Path p, byte[] frame) {}

      @Override
      public void onPathChanged(Path p, InetSocketAddress from, InetSocketAddress to) {
        into.add(p.kind().name());
      }
    };
  }

  private TraversalAgent agent(DatagramNetwork host) throws IOException {
    return TraversalAgent.open(host, net.scheduler(), config, new SplittableRandom(net.random().nextLong()));
  }

  /** Alice's host, cut off from {@code blocked} until {@code until}: a direct route that works late. */
  private CutOffHost blocking(InetAddress blocked, Instant until) {
    return new CutOffHost(net.addLan("198.18.1.1", PORT_RESTRICTED).addHost(),
        ip -> ip.equals(blocked) && net.scheduler().now().isBefore(until));
  }
}
