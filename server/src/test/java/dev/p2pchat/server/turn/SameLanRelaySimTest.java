package dev.p2pchat.server.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.traversal.AgentConfig;
import dev.p2pchat.traversal.CandidateType;
import dev.p2pchat.traversal.Path;
import dev.p2pchat.traversal.TraversalAgent;
import dev.p2pchat.traversal.sim.NatBehavior;
import dev.p2pchat.traversal.sim.SimHost;
import dev.p2pchat.traversal.sim.SimLan;
import dev.p2pchat.traversal.sim.SimulatedInternet;
import dev.p2pchat.traversal.sim.StunResponder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two hosts on one LAN behind a port-restricted NAT that does not hairpin, both with a relay on offer,
 * as alice and carol in the lab's RoomsInLabTest: they select their host pair, and it must stay that
 * pair. The relayed pair kept at hand to fall back to is PINGed through a relay, and those PINGs reach
 * the other side from an address that is not the path's (the peer's relayed address, or its NAT's
 * mapping toward our relay): no NAT rebinding, the path must not move there while it says DIRECT.
 */
class SameLanRelaySimTest {
  private static final Duration SIGNALLING = Duration.ofMillis(60);

  private SimulatedInternet net;
  private SimTurnServer turn;
  private AgentConfig config;

  private void internet(long seed) {
    net = new SimulatedInternet(seed);
    turn = new SimTurnServer(net, net.addPublicHost("198.18.0.10"), c -> c);
    SimHost primary = net.addPublicHost("198.18.0.11");
    SimHost alternate = net.addPublicHost("198.18.0.12");
    StunResponder.withAlternate(primary.bind(3478), primary.bind(3479), alternate.bind(3478), alternate.bind(3479));
    config = AgentConfig.defaults().withStunServers(List.of(new InetSocketAddress(primary.address(), 3478)));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void theHostPairStaysTheHostPair(int seed) throws IOException {
    internet(seed);
    SimLan lan = net.addLan("198.18.1.1", NatBehavior.linuxMasquerade());
    TraversalAgent alice = agent(lan.addHost());
    TraversalAgent carol = agent(lan.addHost());
    SimPairing.relay(net, turn, alice, "alice");
    SimPairing.relay(net, turn, carol, "carol");

    List<Path> paths = SimPairing.connect(net, alice, carol, SIGNALLING);
    net.scheduler().runUntil(() -> false, Duration.ofSeconds(90));

    for (Path p : paths) {
      assertThat(p.isAlive()).as("%s", p).isTrue();
      assertThat(p.kind()).as("%s", p).isEqualTo(Path.Kind.DIRECT);
      assertThat(p.remoteCandidate().type()).as("%s", p).isEqualTo(CandidateType.HOST);
      assertThat(p.remoteAddress()).as("%s", p).isEqualTo(p.remoteCandidate().address());
    }
  }

  private TraversalAgent agent(SimHost host) throws IOException {
    return TraversalAgent.open(host, net.scheduler(), config, new SplittableRandom(net.random().nextLong()));
  }
}
