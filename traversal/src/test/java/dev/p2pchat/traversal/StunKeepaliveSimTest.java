package dev.p2pchat.traversal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.traversal.nat.FilteringBehavior;
import dev.p2pchat.traversal.nat.MappingBehavior;
import dev.p2pchat.traversal.sim.NatBehavior;
import dev.p2pchat.traversal.sim.SimHost;
import dev.p2pchat.traversal.sim.SimLan;
import dev.p2pchat.traversal.sim.SimulatedInternet;
import dev.p2pchat.traversal.sim.StunResponder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class StunKeepaliveSimTest {
    private static final InetSocketAddress STUN = new InetSocketAddress(InetAddress.ofLiteral("198.18.0.10"), 3478);

    private static SimLan shortLived(SimulatedInternet net) {
        // Random allocation: a mapping that expired comes back on another port, so a lost binding shows.
        return net.addLan("198.18.1.1", NatBehavior.of(MappingBehavior.ENDPOINT_INDEPENDENT,
                FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT).withBindingTimeout(Duration.ofSeconds(20))
                .withAllocation(dev.p2pchat.traversal.sim.PortAllocation.RANDOM));
    }

    private static TraversalAgent agent(SimulatedInternet net, SimHost host, AgentConfig config) throws Exception {
        return TraversalAgent.open(host, net.scheduler(), config, new SplittableRandom(4));
    }

    @Test
    void gatheringFindsTheServerReflexiveCandidate() throws Exception {
        SimulatedInternet net = new SimulatedInternet(5);
        StunResponder.single(net.addPublicHost("198.18.0.10").bind(STUN.getPort()));
        TraversalAgent a = agent(net, shortLived(net).addHost(), AgentConfig.defaults().withStunServers(List.of(STUN)));

        CompletableFuture<PeerDescription> d = a.gather();
        net.scheduler().runUntil(d::isDone, Duration.ofSeconds(5));

        assertThat(d.join().candidates()).extracting(Candidate::type).containsExactly(CandidateType.HOST, CandidateType.SRFLX);
        Candidate srflx = d.join().candidates().get(1);
        assertThat(srflx.ip()).isEqualTo("198.18.1.1");
        assertThat(srflx.priority()).isLessThan(d.join().candidates().get(0).priority());
    }

    @Test
    void aSilentStunServerDoesNotHoldGatheringPastItsTimeout() throws Exception {
        SimulatedInternet net = new SimulatedInternet(5);
        TraversalAgent a = agent(net, net.addPublicHost("198.18.0.1"), AgentConfig.defaults().withStunServers(List.of(STUN)));
        CompletableFuture<PeerDescription> d = a.gather();
        net.scheduler().runUntil(d::isDone, Duration.ofSeconds(60));
        assertThat(d.join().candidates()).extracting(Candidate::type).containsExactly(CandidateType.HOST);
        assertThat(net.scheduler().now()).isEqualTo(dev.p2pchat.traversal.sim.SimScheduler.EPOCH.plusSeconds(3));
    }

    @Test
    void bindingRequestsHoldTheServerReflexiveMappingForFiveMinutes() throws Exception {
        for (boolean keepalive : new boolean[] {true, false}) {
            SimulatedInternet net = new SimulatedInternet(5);
            StunResponder.single(net.addPublicHost("198.18.0.10").bind(STUN.getPort()));
            AgentConfig config = AgentConfig.defaults().withStunServers(List.of(STUN))
                    .withStunKeepaliveInterval(keepalive ? Duration.ofSeconds(15) : Duration.ofSeconds(90));
            TraversalAgent a = agent(net, shortLived(net).addHost(), config);
            CompletableFuture<PeerDescription> d = a.gather();
            net.scheduler().runUntil(d::isDone, Duration.ofSeconds(5));
            InetSocketAddress first = a.serverReflexive().get(STUN);

            net.scheduler().runFor(Duration.ofMinutes(5));

            if (keepalive) {
                assertThat(a.serverReflexive().get(STUN)).isEqualTo(first);
            } else {
                assertThat(a.serverReflexive().get(STUN)).as("control: 90 s is past the binding timeout").isNotEqualTo(first);
            }
        }
    }
}
