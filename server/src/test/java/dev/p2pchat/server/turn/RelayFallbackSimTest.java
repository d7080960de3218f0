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
import dev.p2pchat.session.SessionState;
import dev.p2pchat.traversal.AgentConfig;
import dev.p2pchat.traversal.DirectRetry;
import dev.p2pchat.traversal.Path;
import dev.p2pchat.traversal.PathListener;
import dev.p2pchat.traversal.TraversalAgent;
import dev.p2pchat.traversal.nat.FilteringBehavior;
import dev.p2pchat.traversal.nat.MappingBehavior;
import dev.p2pchat.traversal.net.DatagramNetwork;
import dev.p2pchat.traversal.sim.LinkProfile;
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
 * Relay first, then direct — and back: a path that moved from the relay to a direct pair falls back to the
 * relayed pair when the direct one dies (the relay still answering), and returns to the direct pair once it
 * works again, by the periodic direct checks. Alice (no relay of her own) is cut off from Bob's NAT for
 * the first 3 s (so the path starts relayed through Bob's relay and then moves to DIRECT), then again from
 * {@link #BREAK} to {@link #HEAL}; the relay stays reachable unless a test cuts it too. The switch times
 * are printed; {@code -DrelayFallbackSeed=N} replays the runs with another seed of the simulation.
 */
class RelayFallbackSimTest {
  private static final NatBehavior PORT_RESTRICTED =
      NatBehavior.of(MappingBehavior.ENDPOINT_INDEPENDENT, FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT);
  private static final Duration OPEN = Duration.ofSeconds(3);
  private static final Duration BREAK = Duration.ofSeconds(40);
  private static final Duration HEAL = Duration.ofSeconds(100);
  private static final InetAddress ALICE_NAT = ip("198.18.1.1");
  private static final InetAddress BOB_NAT = ip("198.18.2.1");
  private static final InetAddress RELAY = ip("198.18.0.10");

  private final SimulatedInternet net = new SimulatedInternet(Long.getLong("relayFallbackSeed", 31));
  private final Instant start = net.scheduler().now();
  private final SimTurnServer turn = new SimTurnServer(net, net.addPublicHost("198.18.0.10"), c -> c);
  private final AgentConfig config;
  private boolean relayCut;
  /** Only Alice's datagrams to Bob are lost during the break, Bob's still reach her. */
  private boolean oneWay;

  RelayFallbackSimTest() {
    StunResponder responder = StunResponder.single(net.addPublicHost("198.18.0.11").bind(3478));
    config = AgentConfig.defaults().withStunServers(List.of(responder.primary().localAddress()));
  }

  @Test
  void fallsBackToTheRelayWhenTheDirectPathDiesAndReturnsWhenItHeals() throws IOException {
    List<Path> paths = connectUpgraded();
    List<Switches> sides = listenTo(paths);

    runUntil(HEAL.plus(Duration.ofSeconds(90)));

    for (Switches s : sides) {
      assertThat(s.kinds).as(s.who).containsExactly(Path.Kind.RELAYED, Path.Kind.DIRECT);
      assertThat(s.dead).as(s.who).isEmpty();
      // lost within one keepalive interval plus the loss probes, then at once on the relay
      assertThat(s.times.get(0)).as(s.who + " fell back").isBetween(at(BREAK),
          at(BREAK).plus(config.keepaliveInterval()).plus(config.lossDetection()).plus(Duration.ofSeconds(1)));
      // back on the next round of direct checks: never more than the widest spacing plus a round
      DirectRetry retry = config.directRetry();
      assertThat(s.times.get(1)).as(s.who + " back to direct").isBetween(at(HEAL),
          at(HEAL).plus(retry.max()).plus(retry.round()));
    }
    assertThat(paths).allSatisfy(p -> {
      assertThat(p.kind()).isEqualTo(Path.Kind.DIRECT);
      assertThat(p.isAlive()).isTrue();
    });
    assertThat(paths.get(0).remoteAddress().getAddress()).isEqualTo(BOB_NAT);
    assertThat(paths.get(1).remoteAddress().getAddress()).isEqualTo(ALICE_NAT);
  }

  @Test
  void aPathThatWasDirectFromTheStartFallsBackToARelayedPairThatAnsweredItsChecks() throws IOException {
    TraversalAgent alice = agent(aliceHost());
    TraversalAgent bob = agent(net.addLan("198.18.2.1", PORT_RESTRICTED).addHost());
    SimPairing.relay(net, turn, bob, "bob");
    runUntil(OPEN);
    List<Path> paths = SimPairing.connect(net, alice, bob, Duration.ZERO);
    assertThat(paths).allSatisfy(p -> assertThat(p.kind()).isEqualTo(Path.Kind.DIRECT));
    List<Switches> sides = listenTo(paths);

    runUntil(HEAL.plus(Duration.ofSeconds(90)));

    for (Switches s : sides) {
      assertThat(s.kinds).as(s.who).containsExactly(Path.Kind.RELAYED, Path.Kind.DIRECT);
      assertThat(s.dead).as(s.who).isEmpty();
    }
  }

  @Test
  void aChatSessionKeepsEveryMessageOnceAndInOrderAcrossBothSwitches() throws IOException {
    chatAcrossTheBreak();
  }

  /**
   * Only Alice's datagrams to Bob are lost: Bob notices first and falls back; Alice still hears him
   * directly until his frames come through the relay, and then her direct PINGs go unanswered too.
   */
  @Test
  void aBreakInOneDirectionMovesBothSidesToTheRelayAndBack() throws IOException {
    oneWay = true;
    chatAcrossTheBreak();
  }

  /** The same over an internet with 5 % loss and 20 ms of jitter (reordering) on every crossing. */
  @Test
  void aLossyInternetChangesNothing() throws IOException {
    net.setInternetLink(LinkProfile.of(Duration.ofMillis(30)).withJitter(Duration.ofMillis(20)).withLoss(0.05));
    chatAcrossTheBreak();
  }

  private void chatAcrossTheBreak() throws IOException {
    List<Path> paths = connectUpgraded();
    SplittableRandom random = new SplittableRandom(net.random().nextLong());
    NoiseKeyPair aliceKey = NoiseKeyPair.generate(random);
    NoiseKeyPair bobKey = NoiseKeyPair.generate(random);
    Chat atAlice = new Chat("alice");
    Chat atBob = new Chat("bob");
    ChatSession a = ChatSession.open(SessionConfig.defaults(), net.scheduler(), paths.get(0), SessionRole.INITIATOR,
        aliceKey, bobKey.publicKey(), new InMemoryDeliveredIds(), atAlice, random.split());
    ChatSession b = ChatSession.open(SessionConfig.defaults(), net.scheduler(), paths.get(1), SessionRole.RESPONDER,
        bobKey, aliceKey.publicKey(), new InMemoryDeliveredIds(), atBob, random.split());
    atAlice.session = a;
    atBob.session = b;

    // one each way every 100 ms from now until 30 s after the direct route healed
    int count = (int) (Duration.between(net.scheduler().now(), at(HEAL).plusSeconds(30)).toMillis() / 100);
    for (int i = 0; i < count; i++) {
      int n = i;
      net.scheduler().schedule(Duration.ofMillis(100L * i), () -> {
        a.send(MessageId.of(new UUID(1, n)), ("a" + n).getBytes(StandardCharsets.UTF_8));
        b.send(MessageId.of(new UUID(2, n)), ("b" + n).getBytes(StandardCharsets.UTF_8));
      });
    }
    net.scheduler().runUntil(() -> atAlice.texts.size() == count && atBob.texts.size() == count
        && !net.scheduler().now().isBefore(at(HEAL).plusSeconds(60)), Duration.ofMinutes(5));
    net.scheduler().runFor(Duration.ofSeconds(5)); // duplicates, if any, would arrive now

    assertThat(atBob.texts).containsExactlyElementsOf(numbered("a", count));
    assertThat(atAlice.texts).containsExactlyElementsOf(numbered("b", count));
    for (Chat c : List.of(atAlice, atBob)) {
      assertThat(c.paths).as(c.who).containsExactly(PathKind.RELAYED, PathKind.DIRECT);
      assertThat(c.statusAtChange).as(c.who + ": the status (line) shows the new path with the event")
          .containsExactlyElementsOf(c.paths);
      assertThat(c.states).as(c.who).doesNotContain(SessionState.WAITING_FOR_PATH, SessionState.CLOSED);
      assertThat(c.closed).as(c.who).isNull();
    }
    // Data goes unanswered: a PING one probe interval later, the relay PINGed with the first repeat and
    // taken when the second finds the direct pair still silent; the side that notices later follows once
    // the first one's frames come through the relay and its own PINGs stay unanswered.
    Duration probe = config.lossProbeInterval();
    assertThat(atAlice.changedAt.getFirst()).as("alice fell back while data flowed")
        .isBetween(at(BREAK), at(BREAK).plus(probe.multipliedBy(8)));
    assertThat(atBob.changedAt.getFirst()).as("bob fell back while data flowed")
        .isBetween(at(BREAK), at(BREAK).plus(probe.multipliedBy(8)));
    assertThat(a.status().pathKind()).isEqualTo(PathKind.DIRECT);
    assertThat(b.status().pathKind()).isEqualTo(PathKind.DIRECT);
    System.out.printf("%d messages each way, all delivered once and in order%n", count);
  }

  @Test
  void withTheRelayDeadTooTheDirectPathIsLost() throws IOException {
    List<Path> paths = connectUpgraded();
    Switches atAlice = new Switches("alice");
    paths.get(0).setListener(atAlice);
    net.scheduler().schedule(Duration.between(net.scheduler().now(), at(BREAK)), () -> relayCut = true);

    net.scheduler().runUntil(() -> !atAlice.dead.isEmpty(), Duration.ofMinutes(2));

    assertThat(atAlice.dead).singleElement().asString().startsWith("lost:");
    assertThat(atAlice.kinds).isEmpty();
    assertThat(atAlice.deadAt).isBetween(at(BREAK),
        at(BREAK).plus(config.keepaliveInterval()).plus(config.lossDetection()).plus(Duration.ofSeconds(1)));
  }

  @Test
  void withoutARelayADeadDirectPathIsLostAsBefore() throws IOException {
    TraversalAgent alice = agent(aliceHost());
    TraversalAgent bob = agent(net.addLan("198.18.2.1", PORT_RESTRICTED).addHost());
    net.scheduler().runFor(OPEN); // the direct route is open before the checks start
    List<Path> paths = SimPairing.connect(net, alice, bob, Duration.ZERO);
    assertThat(paths).allSatisfy(p -> assertThat(p.kind()).isEqualTo(Path.Kind.DIRECT));
    List<Switches> sides = listenTo(paths);

    net.scheduler().runUntil(() -> sides.stream().noneMatch(s -> s.dead.isEmpty()), Duration.ofMinutes(2));

    for (Switches s : sides) {
      assertThat(s.dead).as(s.who).singleElement().asString().startsWith("lost:");
      assertThat(s.kinds).as(s.who).isEmpty();
      assertThat(s.deadAt).as(s.who).isBetween(at(BREAK),
          at(BREAK).plus(config.keepaliveInterval()).plus(config.lossDetection()).plus(Duration.ofSeconds(1)));
    }
  }

  /** Alice and Bob (with a relay) connected, started relayed, and moved to the direct path. */
  private List<Path> connectUpgraded() throws IOException {
    TraversalAgent alice = agent(aliceHost());
    TraversalAgent bob = agent(net.addLan("198.18.2.1", PORT_RESTRICTED).addHost());
    SimPairing.relay(net, turn, bob, "bob");
    List<Path> paths = SimPairing.connect(net, alice, bob, Duration.ZERO);
    assertThat(paths).allSatisfy(p -> assertThat(p.kind()).isEqualTo(Path.Kind.RELAYED));
    assertThat(net.scheduler().runUntil(() -> paths.stream().allMatch(p -> p.kind() == Path.Kind.DIRECT),
        Duration.ofSeconds(15))).as("moved to the direct path").isTrue();
    assertThat(net.scheduler().now()).isBefore(at(BREAK));
    return paths;
  }

  /** Alice's host: cut off from Bob's NAT until {@link #OPEN} and from {@link #BREAK} to {@link #HEAL}. */
  private DatagramNetwork aliceHost() {
    return new CutOffHost(net.addLan("198.18.1.1", PORT_RESTRICTED).addHost(), ip -> cut(ip, true), ip -> cut(ip, false));
  }

  private boolean cut(InetAddress ip, boolean outbound) {
    Instant now = net.scheduler().now();
    boolean broken = !now.isBefore(at(BREAK)) && now.isBefore(at(HEAL)) && (outbound || !oneWay);
    return ip.equals(BOB_NAT) && (now.isBefore(at(OPEN)) || broken) || ip.equals(RELAY) && relayCut;
  }

  /** Alice's and Bob's switch recorders, each listening on its side's path. */
  private List<Switches> listenTo(List<Path> paths) {
    Switches atAlice = new Switches("alice");
    Switches atBob = new Switches("bob");
    paths.get(0).setListener(atAlice);
    paths.get(1).setListener(atBob);
    return List.of(atAlice, atBob);
  }

  /** Runs the simulation until {@code sinceStart} after the test's start. */
  private void runUntil(Duration sinceStart) {
    net.scheduler().runFor(Duration.between(net.scheduler().now(), at(sinceStart)));
  }

  private Instant at(Duration sinceStart) {
    return start.plus(sinceStart);
  }

  private double seconds(Instant t) {
    return Duration.between(start, t).toMillis() / 1000.0;
  }

  private TraversalAgent agent(DatagramNetwork host) throws IOException {
    return TraversalAgent.open(host, net.scheduler(), config, new SplittableRandom(net.random().nextLong()));
  }

  private static List<String> numbered(String prefix, int count) {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      texts.add(prefix + i);
    }
    return texts;
  }

  private static InetAddress ip(String text) {
    try {
      return InetAddress.getByName(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  /** What one side's path reports, with the virtual time of each switch (printed: the figures of the run). */
  private final class Switches implements PathListener {
    final String who;
    final List<Path.Kind> kinds = new ArrayList<>();
    final List<Instant> times = new ArrayList<>();
    final List<String> dead = new ArrayList<>();
    Instant deadAt;

    Switches(String who) {
      this.who = who;
    }

    @Override
    public void onFrame(Path p, byte[] frame) {}

    @Override
    public void onPathChanged(Path p, InetSocketAddress from, InetSocketAddress to) {
      kinds.add(p.kind());
      times.add(net.scheduler().now());
      System.out.printf("%s: path %s at %.3f s (%s -> %s)%n", who, p.kind(), seconds(net.scheduler().now()), from, to);
    }

    @Override
    public void onDead(Path p, String reason) {
      dead.add(reason);
      deadAt = net.scheduler().now();
      System.out.printf("%s: path lost at %.3f s: %s%n", who, seconds(deadAt), reason);
    }
  }

  /** What one side's session reports (the simulation runs on one thread). */
  private final class Chat implements SessionListener {
    final String who;
    final List<String> texts = new ArrayList<>();
    final List<PathKind> paths = new ArrayList<>();
    final List<SessionState> states = new ArrayList<>();
    final List<PathKind> statusAtChange = new ArrayList<>();
    final List<Instant> changedAt = new ArrayList<>();
    ChatSession session;
    String closed;

    Chat(String who) {
      this.who = who;
    }

    @Override
    public void onMessage(MessageId id, byte[] payload) {
      texts.add(new String(payload, StandardCharsets.UTF_8));
    }

    @Override
    public void onDelivered(MessageId id) {}

    @Override
    public void onPathChanged(PathKind kind, InetSocketAddress remote) {
      paths.add(kind);
      changedAt.add(net.scheduler().now());
      statusAtChange.add(session.status().pathKind());
      System.out.printf("%s session: path %s at %.3f s%n", who, kind, seconds(net.scheduler().now()));
    }

    @Override
    public void onStateChanged(SessionState s) {
      states.add(s);
    }

    @Override
    public void onClosed(String reason) {
      closed = reason;
    }
  }
}
