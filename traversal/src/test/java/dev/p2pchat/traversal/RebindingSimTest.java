package dev.p2pchat.traversal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.protocol.frame.CheckFrameCodec;
import dev.p2pchat.traversal.nat.FilteringBehavior;
import dev.p2pchat.traversal.nat.MappingBehavior;
import dev.p2pchat.traversal.net.DatagramEndpoint;
import dev.p2pchat.traversal.sim.NatBehavior;
import dev.p2pchat.traversal.sim.PortAllocation;
import dev.p2pchat.traversal.sim.SimLan;
import dev.p2pchat.traversal.sim.SimulatedInternet;
import dev.p2pchat.traversal.sim.StunResponder;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A NAT that forgets its mappings (reboot, conntrack -F) and comes back on another port: the path follows. */
class RebindingSimTest {
    @Test
    void aPathFollowsThePeerToItsNewPublicPort() throws Exception {
        SimulatedInternet net = new SimulatedInternet(12);
        SimLan lan = net.addLan("198.18.1.1", NatBehavior.of(MappingBehavior.ENDPOINT_INDEPENDENT,
                FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT).withAllocation(PortAllocation.RANDOM));
        SimPeers peers = new SimPeers(net, lan.addHost(), net.addPublicHost("198.18.0.2"), AgentConfig.defaults());
        assertThat(peers.connect(Duration.ofMillis(60), Duration.ofSeconds(15))).isTrue();
        Path natSide = peers.offererPath.join();
        Path publicSide = peers.answererPath.join();
        List<InetSocketAddress> moves = new ArrayList<>();
        List<String> deaths = new ArrayList<>();
        publicSide.setListener(new PathListener() {
            @Override public void onFrame(Path p, byte[] f) {}
            @Override public void onPathChanged(Path p, InetSocketAddress from, InetSocketAddress to) { moves.add(to); }
            @Override public void onDead(Path p, String reason) { deaths.add(reason); }
        });
        List<byte[]> atNatSide = new ArrayList<>();
        natSide.setListener((p, f) -> atNatSide.add(f));
        InetSocketAddress before = publicSide.remoteAddress();

        lan.nat().flush();
        net.scheduler().runFor(Duration.ofMinutes(2));
        publicSide.send(new byte[] {(byte) 0xD4, 7});
        net.scheduler().runFor(Duration.ofSeconds(1));

        assertThat(moves).hasSize(1);
        assertThat(publicSide.remoteAddress()).isEqualTo(moves.getFirst()).isNotEqualTo(before);
        assertThat(deaths).isEmpty();
        assertThat(natSide.isAlive()).isTrue();
        assertThat(atNatSide).singleElement().satisfies(f -> assertThat(f).containsExactly(0xD4, 7));
    }

    @Test
    void aReplayedPingFromElsewhereDoesNotRedirectThePath() throws Exception {
        SimulatedInternet net = new SimulatedInternet(12);
        SimPeers peers = new SimPeers(net, net.addPublicHost("198.18.0.1"), net.addPublicHost("198.18.0.2"),
                AgentConfig.defaults());
        assertThat(peers.connect(Duration.ofMillis(60), Duration.ofSeconds(15))).isTrue();
        Path answererSide = peers.answererPath.join();
        InetSocketAddress genuine = answererSide.remoteAddress();
        List<byte[]> pings = new ArrayList<>();
        peers.answerer.endpoint().receive(d -> { // a wiretap in front of the answerer's demultiplexer
            if ((d.data()[0] & 0xFF) == 0xD0) {
                pings.add(d.data());
            }
            peers.answerer.demultiplexer().onDatagram(d);
        });
        net.scheduler().runUntil(() -> !pings.isEmpty(), Duration.ofSeconds(30)); // the offerer's next keepalive
        peers.offerer.close();

        DatagramEndpoint attacker = net.addPublicHost("198.18.66.6").bind();
        List<byte[]> atAttacker = new ArrayList<>();
        attacker.receive(d -> atAttacker.add(d.data()));
        for (int i = 0; i < 5; i++) {
            attacker.send(peers.answerer.localAddress(), pings.getFirst());
        }
        net.scheduler().runFor(Duration.ofSeconds(2));

        assertThat(answererSide.remoteAddress()).isEqualTo(genuine);
        assertThat(atAttacker).extracting(d -> d[0] & 0xFF).contains(0xD0); // the probe it cannot answer
        assertThat(pings.getFirst()).hasSize(CheckFrameCodec.PING_LENGTH);
    }

    /**
     * Two port-restricted NATs; ours forgets us mid-chat and maps us to a new port, which the peer's NAT
     * filters. Data that goes unanswered starts the PINGs one probe interval later, the first repeat asks
     * the STUN server, which sees us at the new port, and the path ends then: seconds after the flush, not
     * at the next keepalive plus the whole run of loss probes.
     */
    @Test
    void unansweredDataAfterOurNatMappedUsAnewEndsThePathWithinTwoProbeIntervals() throws Exception {
        SimulatedInternet net = new SimulatedInternet(7);
        InetSocketAddress stun = new InetSocketAddress("198.18.0.10", 3478);
        StunResponder.single(net.addPublicHost("198.18.0.10").bind(3478));
        NatBehavior portRestricted = NatBehavior.of(MappingBehavior.ENDPOINT_INDEPENDENT,
                FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT).withAllocation(PortAllocation.RANDOM);
        SimLan ours = net.addLan("198.18.1.1", portRestricted);
        SimLan theirs = net.addLan("198.18.2.1", portRestricted);
        AgentConfig config = AgentConfig.defaults().withStunServers(List.of(stun));
        SimPeers peers = new SimPeers(net, ours.addHost(), theirs.addHost(), config);
        assertThat(peers.connect(Duration.ofMillis(60), Duration.ofSeconds(15))).isTrue();
        Path path = peers.offererPath.join();
        List<Instant> deaths = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        path.setListener(new PathListener() {
            @Override public void onFrame(Path p, byte[] f) {}
            @Override public void onDead(Path p, String reason) {
                deaths.add(net.scheduler().now());
                reasons.add(reason);
            }
        });
        net.scheduler().runFor(Duration.ofSeconds(1)); // a keepalive is 10 s away: only the data can tell

        ours.nat().flush();
        Instant flushed = net.scheduler().now();
        path.send(new byte[] {(byte) 0xD4, 1});
        path.expectAnswer();
        net.scheduler().runUntil(() -> !deaths.isEmpty(), Duration.ofSeconds(30));

        assertThat(reasons).singleElement().asString().contains("new address");
        assertThat(Duration.between(flushed, deaths.getFirst()))
                .isLessThan(AgentConfig.DEFAULT_LOSS_PROBE_INTERVAL.multipliedBy(3));
        assertThat(peers.offerer.serverReflexive().get(stun).getPort()).as("STUN saw the new mapping")
                .isNotEqualTo(path.localCandidate().address().getPort());
    }
}
