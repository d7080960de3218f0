package dev.p2pchat.traversal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.traversal.nat.FilteringBehavior;
import dev.p2pchat.traversal.nat.MappingBehavior;
import dev.p2pchat.traversal.sim.NatBehavior;
import dev.p2pchat.traversal.sim.PortAllocation;
import dev.p2pchat.traversal.sim.SimLan;
import dev.p2pchat.traversal.sim.SimulatedInternet;
import dev.p2pchat.traversal.sim.StunResponder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A NAT forgets its mappings (a reboot, {@code conntrack -F}) and comes back on another port that the peer's
 * port-dependent filter refuses: both sides report the path lost within a keepalive interval and the loss
 * probes, then gather again and connect afresh with the same agents — on fresh ports, which is what makes
 * it work where Linux conntrack keeps the old addresses' entries alive.
 */
class PathLossSimTest {
    private static final InetSocketAddress STUN = new InetSocketAddress(InetAddress.ofLiteral("198.18.0.10"), 3478);
    private static final NatBehavior PORT_RESTRICTED = NatBehavior.of(MappingBehavior.ENDPOINT_INDEPENDENT,
            FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT);

    @Test
    void aFlushedNatIsReportedLostInBoundedTimeAndAFreshAttemptConnects() throws Exception {
        SimulatedInternet net = new SimulatedInternet(21);
        StunResponder.single(net.addPublicHost("198.18.0.10").bind(STUN));
        SimLan a = net.addLan("198.18.1.1", PORT_RESTRICTED.withAllocation(PortAllocation.RANDOM));
        SimLan b = net.addLan("198.18.2.1", PORT_RESTRICTED);
        SimPeers peers = new SimPeers(net, a.addHost(), b.addHost(), AgentConfig.defaults().withStunServers(List.of(STUN)));
        assertThat(peers.connect(Duration.ofMillis(60), Duration.ofSeconds(15))).isTrue();
        assertThat(peers.connected()).isTrue();
        InetSocketAddress offererSocket = peers.offerer.localAddress();
        List<Instant> losses = new ArrayList<>();
        for (Path p : List.of(peers.offererPath.join(), peers.answererPath.join())) {
            p.setListener(new PathListener() {
                @Override public void onFrame(Path path, byte[] f) {}
                @Override public void onDead(Path path, String reason) { losses.add(net.scheduler().now()); }
            });
        }
        net.scheduler().runFor(Duration.ofSeconds(33));
        Instant flushed = net.scheduler().now();

        a.nat().flush();
        net.scheduler().runUntil(() -> losses.size() == 2, Duration.ofMinutes(2));

        Duration bound = peers.offerer.keepaliveInterval().plus(AgentConfig.defaults().lossDetection());
        assertThat(losses).hasSize(2).allSatisfy(t -> assertThat(Duration.between(flushed, t)).isLessThanOrEqualTo(bound));

        Path oldPath = peers.offererPath.join();
        assertThat(peers.connect(Duration.ofMillis(60), Duration.ofSeconds(15))).isTrue();
        assertThat(peers.connected()).as("a fresh attempt: %s", peers.offererPath).isTrue();
        Path fresh = peers.answererPath.join();
        assertThat(fresh.remoteAddress()).isNotEqualTo(oldPath.localCandidate().address());
        assertThat(peers.offerer.localAddress()).as("the shared socket stays").isEqualTo(offererSocket);
        List<byte[]> got = new ArrayList<>();
        peers.offererPath.join().setListener((p, f) -> got.add(f));
        fresh.send(new byte[] {(byte) 0xD4, 3});
        net.scheduler().runFor(Duration.ofSeconds(1));
        assertThat(got).singleElement().satisfies(f -> assertThat(f).containsExactly(0xD4, 3));
    }

    /**
     * Two Linux NATs (conntrack clashes modelled). One forgets its mappings while the other side keeps
     * chatting: the peer's datagrams leave entries that push our next flow to it onto another port, our
     * datagrams from there leave entries at the peer's NAT, and every retry between the old addresses
     * refreshes them. The fresh attempt after the loss runs on fresh ports and connects at once.
     */
    @ParameterizedTest(name = "flushed NAT allocates {0}")
    @EnumSource(value = PortAllocation.class, names = {"PRESERVING", "RANDOM"})
    void afterAConntrackFlushOnALinuxNatTheFreshAttemptConnectsOnFreshPorts(PortAllocation allocation) throws Exception {
        SimulatedInternet net = new SimulatedInternet(21);
        StunResponder.single(net.addPublicHost("198.18.0.10").bind(STUN));
        SimLan a = net.addLan("198.18.1.1", NatBehavior.linuxMasquerade().withAllocation(allocation));
        SimLan b = net.addLan("198.18.2.1", NatBehavior.linuxMasquerade());
        SimPeers peers = new SimPeers(net, a.addHost(), b.addHost(), AgentConfig.defaults().withStunServers(List.of(STUN)));
        assertThat(peers.connect(Duration.ofMillis(60), Duration.ofSeconds(15))).isTrue();
        Path atA = peers.offererPath.join();
        Path atB = peers.answererPath.join();
        for (int i = 0; i < 40; i++) { // B chats on, every half second
            net.scheduler().schedule(Duration.ofMillis(500L * i), () -> atB.send(new byte[] {(byte) 0xD4, 1}));
        }
        net.scheduler().runFor(Duration.ofSeconds(5));

        a.nat().flush();
        net.scheduler().runUntil(() -> !atA.isAlive() && !atB.isAlive(), Duration.ofMinutes(1));
        assertThat(atA.isAlive() || atB.isAlive()).as("the flush broke the path").isFalse();
        assertThat(peers.offerer.gathersOnFreshPort()).isTrue();

        assertThat(peers.connect(Duration.ofMillis(60), Duration.ofSeconds(15))).isTrue();
        assertThat(peers.connected()).as("%s / %s", peers.offererPath, peers.answererPath).isTrue();
        Path fresh = peers.offererPath.join();
        assertThat(fresh.localAddress()).isNotEqualTo(peers.offerer.localAddress());
        List<byte[]> got = new ArrayList<>();
        peers.answererPath.join().setListener((p, f) -> got.add(f));
        fresh.send(new byte[] {(byte) 0xD4, 9});
        net.scheduler().runFor(Duration.ofMinutes(3)); // and the fresh path lives on its own keepalives
        assertThat(got).singleElement().satisfies(f -> assertThat(f).containsExactly(0xD4, 9));
        assertThat(fresh.isAlive()).isTrue();
    }

    @Test
    void aPayloadSentIntoASilenceIsFollowedByAProbeAndTheLossIsReportedWithinTheProbeWindow() throws Exception {
        SimulatedInternet net = new SimulatedInternet(22);
        SimPeers peers = new SimPeers(net, net.addPublicHost("198.18.0.1"), net.addPublicHost("198.18.0.2"),
                AgentConfig.defaults().withKeepalive(Duration.ofSeconds(25), 3));
        assertThat(peers.connect(Duration.ofMillis(60), Duration.ofSeconds(15))).isTrue();
        Path path = peers.offererPath.join();
        List<Instant> losses = new ArrayList<>();
        path.setListener(new PathListener() {
            @Override public void onFrame(Path p, byte[] f) {}
            @Override public void onDead(Path p, String reason) { losses.add(net.scheduler().now()); }
        });
        net.scheduler().runFor(Duration.ofSeconds(3));
        net.setInternetLink(SimulatedInternet.DEFAULT_INTERNET_LINK.withLoss(1.0));
        Instant sent = net.scheduler().now();

        path.send(new byte[] {(byte) 0xD4, 1});
        net.scheduler().runUntil(() -> !losses.isEmpty(), Duration.ofMinutes(1));

        assertThat(losses).singleElement().satisfies(t -> assertThat(Duration.between(sent, t))
                .isEqualTo(AgentConfig.defaults().lossDetection())); // long before the next keepalive is due
    }
}
