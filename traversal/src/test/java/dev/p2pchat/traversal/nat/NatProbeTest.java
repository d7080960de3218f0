package dev.p2pchat.traversal.nat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.traversal.sim.NatBehavior;
import dev.p2pchat.traversal.sim.SimHost;
import dev.p2pchat.traversal.sim.SimulatedInternet;
import dev.p2pchat.traversal.sim.StunResponder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class NatProbeTest {
    private static final InetSocketAddress PRIMARY = new InetSocketAddress(InetAddress.ofLiteral("198.18.0.10"), 3478);

    private static NatReport probe(SimulatedInternet net, SimHost client, InetSocketAddress server) {
        NatProbe probe = new NatProbe(client, net.scheduler(), new SplittableRandom(1), NatProbe.PROBE_TIMING);
        CompletableFuture<NatReport> report = probe.probe(server);
        assertThat(net.scheduler().runUntil(report::isDone, Duration.ofSeconds(30))).isTrue();
        return report.join();
    }

    private static void rfc5780Server(SimulatedInternet net) {
        SimHost a = net.addPublicHost("198.18.0.10");
        SimHost b = net.addPublicHost("198.18.0.11");
        StunResponder.withAlternate(a.bind(3478), a.bind(3479), b.bind(3478), b.bind(3479));
    }

    @Test
    void findsEveryMappingAndFilteringBehaviour() {
        for (MappingBehavior m : MappingBehavior.values()) {
            for (FilteringBehavior f : FilteringBehavior.values()) {
                SimulatedInternet net = new SimulatedInternet(2);
                rfc5780Server(net);
                SimHost client = net.addLan("198.18.1.1", NatBehavior.of(m, f)).addHost();

                NatReport r = probe(net, client, PRIMARY);

                assertThat(r.udpWorks()).isTrue();
                assertThat(r.behindNat()).isTrue();
                assertThat(r.publicAddress().orElseThrow().getAddress()).isEqualTo(InetAddress.ofLiteral("198.18.1.1"));
                assertThat(r.mapping()).as("%s/%s", m, f).contains(m);
                assertThat(r.filtering()).as("%s/%s", m, f).contains(f);
                assertThat(r.hairpinning()).contains(false);
                assertThat(r.verdict()).isNotBlank();
            }
        }
    }

    @Test
    void seesHairpinningAndAPublicAddress() {
        SimulatedInternet net = new SimulatedInternet(2);
        rfc5780Server(net);
        SimHost hairpinned = net.addLan("198.18.1.1", NatBehavior.of(MappingBehavior.ENDPOINT_INDEPENDENT,
                FilteringBehavior.ENDPOINT_INDEPENDENT).withHairpinning(true)).addHost();
        assertThat(probe(net, hairpinned, PRIMARY).hairpinning()).contains(true);

        NatReport open = probe(net, net.addPublicHost("198.18.0.50"), PRIMARY);
        assertThat(open.behindNat()).isFalse();
        assertThat(open.filtering()).contains(FilteringBehavior.ENDPOINT_INDEPENDENT);
        assertThat(open.verdict()).contains("public address");
    }

    @Test
    void withoutAnAlternateAddressOnlyThePublicAddressIsKnown() {
        SimulatedInternet net = new SimulatedInternet(2);
        SimHost server = net.addPublicHost("198.18.0.10");
        StunResponder.single(server.bind(PRIMARY.getPort()));
        NatReport r = probe(net, net.addLan("198.18.1.1", NatBehavior.linuxMasquerade()).addHost(), PRIMARY);
        assertThat(r.publicAddress()).isPresent();
        assertThat(r.mapping()).isEmpty();
        assertThat(r.filtering()).isEmpty();
        assertThat(r.verdict()).contains("no alternate address");
    }

    @Test
    void aSilentServerMeansUdpIsBlockedAndTheProbeStillEndsQuickly() {
        SimulatedInternet net = new SimulatedInternet(2);
        NatReport r = probe(net, net.addPublicHost("198.18.0.50"), PRIMARY);
        assertThat(r.udpWorks()).isFalse();
        assertThat(r.verdict()).contains("blocked");
        assertThat(net.scheduler().now()).isBefore(dev.p2pchat.traversal.sim.SimScheduler.EPOCH.plusSeconds(5));
    }
}
