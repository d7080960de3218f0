package dev.p2pchat.server.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.server.turn.TurnStats.Counter;
import dev.p2pchat.traversal.AgentConfig;
import dev.p2pchat.traversal.Candidate;
import dev.p2pchat.traversal.CandidateType;
import dev.p2pchat.traversal.Futures;
import dev.p2pchat.traversal.Path;
import dev.p2pchat.traversal.PeerDescription;
import dev.p2pchat.traversal.Role;
import dev.p2pchat.traversal.TraversalAgent;
import dev.p2pchat.traversal.nat.FilteringBehavior;
import dev.p2pchat.traversal.nat.MappingBehavior;
import dev.p2pchat.traversal.sim.NatBehavior;
import dev.p2pchat.traversal.sim.SimHost;
import dev.p2pchat.traversal.sim.SimulatedInternet;
import dev.p2pchat.traversal.sim.StunResponder;
import dev.p2pchat.traversal.turn.RelayedEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Two traversal agents on the simulated internet with our relay as their TURN server: a pair of
 * symmetric NATs, which no punching gets through, connects through a relayed candidate, and the paths
 * say RELAYED; a pair that can punch still gets a direct path even with a relay on offer.
 */
class RelayedPathSimTest {
  private static final Duration SIGNALLING = Duration.ofMillis(60);
  private static final NatBehavior SYMMETRIC =
      NatBehavior.of(MappingBehavior.ADDRESS_AND_PORT_DEPENDENT, FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT);

  private final SimulatedInternet net = new SimulatedInternet(23);
  private final SimTurnServer turn = new SimTurnServer(net, net.addPublicHost("198.18.0.10"), c -> c);
  private final InetSocketAddress stun;
  private final AgentConfig config;

  RelayedPathSimTest() {
    StunResponder responder = StunResponder.single(net.addPublicHost("198.18.0.11").bind(3478));
    stun = responder.primary().localAddress();
    config = AgentConfig.defaults().withStunServers(List.of(stun));
  }

  private TraversalAgent agent(SimHost host) throws IOException {
    return TraversalAgent.open(host, net.scheduler(), config, new SplittableRandom(net.random().nextLong()));
  }

  private SimHost behind(String natAddress, NatBehavior nat) {
    return net.addLan(natAddress, nat).addHost();
  }

  private RelayedEndpoint relay(TraversalAgent agent, String user) {
    CompletableFuture<RelayedEndpoint> f = agent.useRelay(
        SimTurnServer.credentials(turn.address(), user, net.scheduler().now().plus(Duration.ofDays(1))));
    net.scheduler().runUntil(f::isDone, Duration.ofMinutes(1));
    return f.join();
  }

  /** Offer, answer and checks as the client runs them through signalling; both outcomes, or null on timeout. */
  private List<CompletableFuture<Path>> connect(TraversalAgent offerer, TraversalAgent answerer) {
    CompletableFuture<Path> offererPath = new CompletableFuture<>();
    CompletableFuture<Path> answererPath = new CompletableFuture<>();
    offerer.gather().thenAccept(offer -> net.scheduler().schedule(SIGNALLING, () ->
        answerer.gather().thenAccept(answer -> {
          answerer.connect(answer, offer, Role.CONTROLLED).whenComplete(Futures.into(answererPath));
          net.scheduler().schedule(SIGNALLING, () ->
              offerer.connect(offer, answer, Role.CONTROLLING).whenComplete(Futures.into(offererPath)));
        })));
    net.scheduler().runUntil(() -> offererPath.isDone() && answererPath.isDone(), Duration.ofSeconds(15));
    return List.of(offererPath, answererPath);
  }

  /** A frame each way; returns what arrived at each end. */
  private List<List<Integer>> exchange(Path a, Path b) {
    List<Integer> atA = new ArrayList<>();
    List<Integer> atB = new ArrayList<>();
    a.setListener((p, frame) -> atA.add((int) frame[1]));
    b.setListener((p, frame) -> atB.add((int) frame[1]));
    a.send(new byte[] {(byte) 0xD4, 1});
    b.send(new byte[] {(byte) 0xD4, 2});
    net.scheduler().runFor(Duration.ofSeconds(1));
    return List.of(atA, atB);
  }

  @Test
  void twoSymmetricNatsConnectThroughTheRelay() throws IOException {
    TraversalAgent alice = agent(behind("198.18.1.1", SYMMETRIC));
    TraversalAgent bob = agent(behind("198.18.2.1", SYMMETRIC));
    RelayedEndpoint aliceRelay = relay(alice, "alice");
    relay(bob, "bob");

    CompletableFuture<PeerDescription> gathered = alice.gather();
    net.scheduler().runUntil(gathered::isDone, Duration.ofSeconds(10));
    PeerDescription offer = gathered.join();
    assertThat(offer.candidates()).extracting(Candidate::type).contains(CandidateType.RELAY);
    assertThat(offer.candidates()).filteredOn(c -> c.type() == CandidateType.RELAY)
        .extracting(Candidate::address).containsExactly(aliceRelay.localAddress());

    List<CompletableFuture<Path>> paths = connect(alice, bob);
    assertThat(paths).allSatisfy(f -> assertThat(f).isCompleted());
    Path a = paths.get(0).join();
    Path b = paths.get(1).join();
    assertThat(a.kind()).isEqualTo(Path.Kind.RELAYED);
    assertThat(b.kind()).isEqualTo(Path.Kind.RELAYED);

    long relayedBefore = turn.relay.stats().get(Counter.RELAYED_TO_PEER) + turn.relay.stats().get(Counter.RELAYED_TO_CLIENT);
    assertThat(exchange(a, b)).containsExactly(List.of(2), List.of(1));
    long relayedAfter = turn.relay.stats().get(Counter.RELAYED_TO_PEER) + turn.relay.stats().get(Counter.RELAYED_TO_CLIENT);
    assertThat(relayedAfter - relayedBefore).isEqualTo(2); // each frame crossed the relay once
  }

  @Test
  void aRelayOnOneSideIsEnough() throws IOException {
    TraversalAgent alice = agent(behind("198.18.1.1", SYMMETRIC));
    TraversalAgent bob = agent(behind("198.18.2.1", SYMMETRIC));
    relay(bob, "bob"); // only the answerer has one: the offerer's checks go straight to bob's relayed address

    List<CompletableFuture<Path>> paths = connect(alice, bob);
    Path a = paths.get(0).join();
    Path b = paths.get(1).join();
    assertThat(a.kind()).isEqualTo(Path.Kind.RELAYED);
    assertThat(a.remoteCandidate().type()).isEqualTo(CandidateType.RELAY);
    assertThat(b.kind()).isEqualTo(Path.Kind.RELAYED);
    assertThat(b.localCandidate().type()).isEqualTo(CandidateType.RELAY);
    assertThat(exchange(a, b)).containsExactly(List.of(2), List.of(1));
  }

  @Test
  void theOffererAloneWithARelayAnswersThroughIt() throws IOException {
    TraversalAgent alice = agent(behind("198.18.1.1", SYMMETRIC));
    TraversalAgent bob = agent(behind("198.18.2.1", SYMMETRIC));
    relay(alice, "alice"); // bob's checks reach alice's relayed address; alice answers through the allocation

    List<CompletableFuture<Path>> paths = connect(alice, bob);
    Path a = paths.get(0).join();
    Path b = paths.get(1).join();
    assertThat(a.localCandidate().type()).isEqualTo(CandidateType.RELAY);
    assertThat(a.kind()).isEqualTo(Path.Kind.RELAYED);
    assertThat(b.remoteCandidate().type()).isEqualTo(CandidateType.RELAY);
    assertThat(b.kind()).isEqualTo(Path.Kind.RELAYED);
    assertThat(exchange(a, b)).containsExactly(List.of(2), List.of(1));
  }

  @Test
  void withoutARelaySymmetricNatsStillFailAsBefore() throws IOException {
    TraversalAgent alice = agent(behind("198.18.1.1", SYMMETRIC));
    TraversalAgent bob = agent(behind("198.18.2.1", SYMMETRIC));
    List<CompletableFuture<Path>> paths = connect(alice, bob);
    assertThat(paths).allSatisfy(f -> assertThat(f).isCompletedExceptionally());
    assertThat(turn.relay.stats().get(Counter.RELAYED_TO_PEER)).isZero();
  }

  @Test
  void aRelayedPathWhoseAllocationIsGoneDiesAndSaysSo() throws IOException {
    TraversalAgent alice = agent(behind("198.18.1.1", SYMMETRIC));
    TraversalAgent bob = agent(behind("198.18.2.1", SYMMETRIC));
    relay(alice, "alice");
    List<CompletableFuture<Path>> paths = connect(alice, bob);
    Path a = paths.get(0).join();
    List<String> dead = new ArrayList<>();
    a.setListener(new dev.p2pchat.traversal.PathListener() {
      @Override
      public void onFrame(Path p, byte[] frame) {}

      @Override
      public void onDead(Path p, String reason) {
        dead.add(reason);
      }
    });
    turn.relay.close(); // the server restarted: every allocation and permission is gone
    net.scheduler().runFor(Duration.ofMinutes(1));
    assertThat(dead).hasSize(1); // by the loss probes or the silence backstop, whichever comes first
    assertThat(a.isAlive()).isFalse();
  }

  @Test
  void aRefusedAllocationLeavesGatheringAndDirectPathsAsTheyWere() throws IOException {
    TraversalAgent alice = agent(behind("198.18.1.1", NatBehavior.linuxMasquerade()));
    TraversalAgent bob = agent(behind("198.18.2.1", NatBehavior.linuxMasquerade()));
    var valid = SimTurnServer.credentials(turn.address(), "alice", net.scheduler().now().plus(Duration.ofDays(1)));
    CompletableFuture<RelayedEndpoint> refused = alice.useRelay(
        new dev.p2pchat.traversal.turn.TurnCredentials(valid.server(), valid.username(), "not-the-password"));
    net.scheduler().runUntil(refused::isDone, Duration.ofMinutes(1));
    assertThat(refused).isCompletedExceptionally();

    CompletableFuture<PeerDescription> gathered = alice.gather();
    net.scheduler().runUntil(gathered::isDone, Duration.ofSeconds(10));
    assertThat(gathered.join().candidates()).extracting(Candidate::type).doesNotContain(CandidateType.RELAY);
    List<CompletableFuture<Path>> paths = connect(alice, bob);
    assertThat(paths.get(0).join().kind()).isEqualTo(Path.Kind.DIRECT);
    assertThat(exchange(paths.get(0).join(), paths.get(1).join())).containsExactly(List.of(2), List.of(1));
  }

  @Test
  void peersThatCanPunchStillGetADirectPathWithARelayOnOffer() throws IOException {
    TraversalAgent alice = agent(behind("198.18.1.1", NatBehavior.linuxMasquerade()));
    TraversalAgent bob = agent(behind("198.18.2.1", NatBehavior.linuxMasquerade()));
    relay(alice, "alice");
    relay(bob, "bob");

    List<CompletableFuture<Path>> paths = connect(alice, bob);
    Path a = paths.get(0).join();
    Path b = paths.get(1).join();
    assertThat(a.kind()).isEqualTo(Path.Kind.DIRECT);
    assertThat(b.kind()).isEqualTo(Path.Kind.DIRECT);
    assertThat(exchange(a, b)).containsExactly(List.of(2), List.of(1));
  }
}
