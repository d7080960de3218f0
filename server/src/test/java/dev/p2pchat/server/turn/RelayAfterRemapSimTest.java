package dev.p2pchat.server.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.traversal.AgentConfig;
import dev.p2pchat.traversal.PeerDescription;
import dev.p2pchat.traversal.TraversalAgent;
import dev.p2pchat.traversal.nat.FilteringBehavior;
import dev.p2pchat.traversal.nat.MappingBehavior;
import dev.p2pchat.traversal.sim.NatBehavior;
import dev.p2pchat.traversal.sim.PortAllocation;
import dev.p2pchat.traversal.sim.SimLan;
import dev.p2pchat.traversal.sim.SimulatedInternet;
import dev.p2pchat.traversal.sim.StunResponder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Our NAT forgets us (a reboot, {@code conntrack -F}) and maps us to a new port: the TURN server ties an
 * allocation to the address it was made from (RFC 8656 §2.2), so ours is out of reach. Once a STUN answer
 * shows the new mapping, the agent allocates again, and the next gathering offers the new relayed address.
 */
class RelayAfterRemapSimTest {
  @Test
  void aNewMappingSeenByStunBringsANewAllocation() throws IOException {
    SimulatedInternet net = new SimulatedInternet(5);
    SimTurnServer turn = new SimTurnServer(net, net.addPublicHost("198.18.0.10"), c -> c);
    StunResponder stun = StunResponder.single(net.addPublicHost("198.18.0.11").bind(3478));
    AgentConfig config = AgentConfig.defaults().withStunServers(List.of(stun.primary().localAddress()));
    SimLan lan = net.addLan("198.18.1.1", NatBehavior.of(MappingBehavior.ENDPOINT_INDEPENDENT,
        FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT).withAllocation(PortAllocation.RANDOM));
    TraversalAgent agent = TraversalAgent.open(lan.addHost(), net.scheduler(), config, new SplittableRandom(1));
    SimPairing.relay(net, turn, agent, "alice");
    InetSocketAddress before = relayedCandidate(net, agent);

    lan.nat().flush();
    // the STUN keepalive (20 s) is the first to see the new mapping; nothing else happens meanwhile
    net.scheduler().runFor(config.stunKeepaliveInterval().plusSeconds(2));

    assertThat(agent.relayStands()).isTrue();
    assertThat(relayedCandidate(net, agent)).as("a new allocation from the new address").isNotEqualTo(before);
  }

  private static InetSocketAddress relayedCandidate(SimulatedInternet net, TraversalAgent agent) {
    CompletableFuture<PeerDescription> gathered = agent.gather();
    net.scheduler().runUntil(gathered::isDone, Duration.ofSeconds(10));
    return gathered.join().candidates().stream()
        .filter(c -> c.type() == dev.p2pchat.traversal.CandidateType.RELAY)
        .findFirst().orElseThrow(() -> new AssertionError("no RELAY candidate in " + gathered.join()))
        .address();
  }
}
