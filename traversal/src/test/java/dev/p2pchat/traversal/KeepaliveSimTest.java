package dev.p2pchat.traversal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.traversal.nat.FilteringBehavior;
import dev.p2pchat.traversal.sim.LinkProfile;
import dev.p2pchat.traversal.nat.MappingBehavior;
import dev.p2pchat.traversal.sim.NatBehavior;
import dev.p2pchat.traversal.sim.SimLan;
import dev.p2pchat.traversal.sim.SimulatedInternet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeepaliveSimTest {
    private static final Duration SIGNALLING = Duration.ofMillis(60);
    private static final NatBehavior SHORT_LIVED = NatBehavior.of(MappingBehavior.ENDPOINT_INDEPENDENT,
            FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT).withBindingTimeout(Duration.ofSeconds(20));

    /** A NAT'ed peer and a public one: the NAT'ed side's PINGs reach the public host, which learns its prflx. */
    private static SimPeers natToPublic(SimulatedInternet net, AgentConfig config) throws Exception {
        SimLan lan = net.addLan("198.18.1.1", SHORT_LIVED);
        SimPeers peers = new SimPeers(net, lan.addHost(), net.addPublicHost("198.18.0.2"), config);
        assertThat(peers.connect(SIGNALLING, Duration.ofSeconds(15))).isTrue();
        assertThat(peers.connected()).isTrue();
        return peers;
    }

    @Test
    void keepalivesHoldATwentySecondBindingOpenForFiveMinutes() throws Exception {
        SimulatedInternet net = new SimulatedInternet(3);
        SimPeers peers = natToPublic(net, AgentConfig.defaults());
        Path natSide = peers.offererPath.join();
        Path publicSide = peers.answererPath.join();
        List<byte[]> atNatSide = new ArrayList<>();
        natSide.setListener((p, f) -> atNatSide.add(f));
        List<Duration> rtts = new ArrayList<>();
        publicSide.setListener(new PathListener() {
            @Override public void onFrame(Path p, byte[] f) {}
            @Override public void onRtt(Path p, Duration rtt) { rtts.add(rtt); }
        });

        net.scheduler().runFor(Duration.ofMinutes(5));
        publicSide.send(new byte[] {(byte) 0xD4, 9}); // inbound through the NAT: only works if the binding lives
        net.scheduler().runFor(Duration.ofSeconds(1));

        assertThat(natSide.isAlive()).isTrue();
        assertThat(publicSide.isAlive()).isTrue();
        assertThat(atNatSide).hasSize(1);
        assertThat(rtts).hasSizeGreaterThanOrEqualTo(25).allSatisfy(r -> assertThat(r).isEqualTo(Duration.ofMillis(42)));
    }

    @Test
    void withoutKeepalivesTheSameBindingIsGoneWithinTheFiveMinutes() throws Exception {
        SimulatedInternet net = new SimulatedInternet(3);
        SimPeers peers = natToPublic(net, AgentConfig.defaults().withKeepalive(Duration.ofMinutes(10), 1));
        Path natSide = peers.offererPath.join();
        List<byte[]> atNatSide = new ArrayList<>();
        natSide.setListener((p, f) -> atNatSide.add(f));

        net.scheduler().runFor(Duration.ofMinutes(5));
        peers.answererPath.join().send(new byte[] {(byte) 0xD4, 9});
        net.scheduler().runFor(Duration.ofSeconds(1));

        assertThat(atNatSide).isEmpty(); // the control: it is the keepalives that hold the binding open
        assertThat(net.stats().dropped(dev.p2pchat.traversal.sim.DropReason.NO_MAPPING)).isPositive();
    }

    @Test
    void aSilentPathIsDeclaredDeadWithinAKeepaliveIntervalAndTheLossProbes() throws Exception {
        SimulatedInternet net = new SimulatedInternet(4);
        SimPeers peers = natToPublic(net, AgentConfig.defaults());
        List<Instant> deaths = new ArrayList<>();
        for (Path p : List.of(peers.offererPath.join(), peers.answererPath.join())) {
            p.setListener(new PathListener() {
                @Override public void onFrame(Path path, byte[] f) {}
                @Override public void onDead(Path path, String reason) { deaths.add(net.scheduler().now()); }
            });
        }
        net.scheduler().runFor(Duration.ofSeconds(17));
        Instant cut = net.scheduler().now();
        net.setInternetLink(SimulatedInternet.DEFAULT_INTERNET_LINK.withLoss(1.0));

        net.scheduler().runFor(Duration.ofMinutes(1));

        // the next keepalive goes unanswered, then 5 repeats 750 ms apart: lost 4.5 s after that keepalive
        Duration bound = AgentConfig.DEFAULT_KEEPALIVE.plus(AgentConfig.defaults().lossDetection());
        assertThat(deaths).hasSize(2).allSatisfy(t -> assertThat(Duration.between(cut, t))
                .isGreaterThanOrEqualTo(AgentConfig.defaults().lossDetection())
                .isLessThanOrEqualTo(bound));
        assertThat(peers.offererPath.join().isAlive()).isFalse();
    }

    @Test
    void twentyPercentLossStillConnects() throws Exception {
        for (long seed = 1; seed <= 10; seed++) {
            SimulatedInternet net = new SimulatedInternet(seed, SimulatedInternet.DEFAULT_INTERNET_LINK.withLoss(0.2));
            SimLan a = net.addLan("198.18.1.1", SHORT_LIVED);
            SimPeers peers = new SimPeers(net, a.addHost(), net.addPublicHost("198.18.0.2"), AgentConfig.defaults());
            assertThat(peers.connect(SIGNALLING, Duration.ofSeconds(15))).isTrue();
            assertThat(peers.connected()).as("seed %d", seed).isTrue();
        }
    }

    @Test
    void jitterDoesNotConfuseTheChecks() throws Exception {
        SimulatedInternet net = new SimulatedInternet(8,
                new LinkProfile(Duration.ofMillis(30), Duration.ofMillis(40), 0.05));
        SimLan a = net.addLan("198.18.1.1", SHORT_LIVED);
        SimPeers peers = new SimPeers(net, a.addHost(), net.addPublicHost("198.18.0.2"), AgentConfig.defaults());
        assertThat(peers.connect(SIGNALLING, Duration.ofSeconds(15))).isTrue();
        assertThat(peers.connected()).isTrue();
    }
}
