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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The agent measures how long its NAT keeps an idle mapping and spaces keepalives as widely as that allows:
 * on NATs that forget after 20, 30 and 120 s, the selected path's mapping never lapses over 20 minutes, and
 * the spacing grows where the NAT allows it.
 */
class KeepaliveTuningSimTest {
    private static final InetSocketAddress STUN = new InetSocketAddress(InetAddress.ofLiteral("198.18.0.10"), 3478);

    @ParameterizedTest(name = "NAT binding timeout {0} s: keepalive between {1} and {2} s")
    @CsvSource({"20, 10, 15", "30, 18, 22.5", "120, 60, 90"})
    void theMappingNeverLapsesAndTheSpacingGrowsWhereSafe(long timeoutSeconds, double minSpacing, double maxSpacing)
            throws Exception {
        SimulatedInternet net = new SimulatedInternet(timeoutSeconds);
        StunResponder.single(net.addPublicHost("198.18.0.10").bind(STUN));
        SimLan lan = net.addLan("198.18.1.1", NatBehavior.of(MappingBehavior.ENDPOINT_INDEPENDENT,
                FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT).withBindingTimeout(Duration.ofSeconds(timeoutSeconds)));
        SimHost natHost = lan.addHost();
        AgentConfig config = AgentConfig.defaults().withStunServers(List.of(STUN));
        SimPeers peers = new SimPeers(net, natHost, net.addPublicHost("198.18.0.2"), config);
        assertThat(peers.connect(Duration.ofMillis(60), Duration.ofSeconds(15))).isTrue();
        Path natSide = peers.offererPath.join();
        Path publicSide = peers.answererPath.join();
        List<byte[]> atNatSide = new ArrayList<>();
        natSide.setListener((p, f) -> atNatSide.add(f));
        InetSocketAddress inside = new InetSocketAddress(natHost.address(), peers.offerer.localAddress().getPort());
        InetSocketAddress peer = natSide.remoteAddress();
        Optional<Integer> port = lan.nat().externalPort(inside, peer);
        List<String> lapses = new ArrayList<>();
        watch(net, () -> {
            if (!lan.nat().externalPort(inside, peer).equals(port)) {
                lapses.add(net.scheduler().now() + ": " + lan.nat().externalPort(inside, peer));
            }
        });

        net.scheduler().runFor(Duration.ofMinutes(20));
        publicSide.send(new byte[] {(byte) 0xD4, 1}); // inbound through the NAT: only if the mapping is there
        net.scheduler().runFor(Duration.ofSeconds(1));

        assertThat(port).isPresent();
        assertThat(lapses).isEmpty();
        assertThat(natSide.isAlive()).isTrue();
        assertThat(atNatSide).hasSize(1);
        double spacing = peers.offerer.keepaliveInterval().toMillis() / 1000.0;
        assertThat(spacing).as("keepalive spacing, proven lifetime %s", peers.offerer.provenMappingLifetime())
                .isBetween(minSpacing, maxSpacing).isLessThan(timeoutSeconds);
        assertThat(peers.offerer.provenMappingLifetime()).isLessThan(Duration.ofSeconds(timeoutSeconds));
        assertThat(peers.answerer.keepaliveInterval()).as("no NAT at all: the widest spacing")
                .isEqualTo(AgentConfig.DEFAULT_MAX_KEEPALIVE);
    }

    /** Runs {@code check} every 250 ms of virtual time, for as long as the scheduler runs. */
    private static void watch(SimulatedInternet net, Runnable check) {
        net.scheduler().schedule(Duration.ofMillis(250), () -> {
            check.run();
            watch(net, check);
        });
    }
}
