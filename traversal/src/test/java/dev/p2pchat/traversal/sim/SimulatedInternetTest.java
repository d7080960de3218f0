package dev.p2pchat.traversal.sim;

import dev.p2pchat.traversal.nat.FilteringBehavior;
import dev.p2pchat.traversal.nat.MappingBehavior;
import static dev.p2pchat.traversal.nat.FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT;
import static dev.p2pchat.traversal.nat.FilteringBehavior.ADDRESS_DEPENDENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.traversal.net.Datagram;
import dev.p2pchat.traversal.net.DatagramEndpoint;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedInternetTest {
    private final SimulatedInternet net = new SimulatedInternet(42);

    private static List<Datagram> collect(DatagramEndpoint e) {
        List<Datagram> got = new ArrayList<>();
        e.receive(got::add);
        return got;
    }

    private void settle() {
        net.scheduler().runFor(Duration.ofSeconds(1));
    }

    @Test
    void publicHostsReachEachOtherAfterTheCoreLatency() {
        DatagramEndpoint a = net.addPublicHost("198.18.0.1").bind();
        DatagramEndpoint b = net.addPublicHost("198.18.0.2").bind();
        List<Datagram> atB = collect(b);

        a.send(b.localAddress(), new byte[] {1, 2});
        net.scheduler().runFor(Duration.ofMillis(19));
        assertThat(atB).isEmpty();
        net.scheduler().runFor(Duration.ofMillis(1));
        assertThat(atB).singleElement().satisfies(d -> {
            assertThat(d.source()).isEqualTo(a.localAddress());
            assertThat(d.data()).containsExactly(1, 2);
        });
    }

    @Test
    void endpointIndependentMappingKeepsOnePortForAllDestinations() {
        SimLan lan = net.addLan("198.18.1.1", NatBehavior.of(MappingBehavior.ENDPOINT_INDEPENDENT, ADDRESS_AND_PORT_DEPENDENT));
        DatagramEndpoint inside = lan.addHost().bind();
        DatagramEndpoint s1 = net.addPublicHost("198.18.0.1").bind();
        DatagramEndpoint s2 = net.addPublicHost("198.18.0.2").bind();
        List<Datagram> at1 = collect(s1);
        List<Datagram> at2 = collect(s2);

        inside.send(s1.localAddress(), new byte[1]);
        inside.send(s2.localAddress(), new byte[1]);
        settle();

        assertThat(at1.getFirst().source()).isEqualTo(at2.getFirst().source());
        assertThat(at1.getFirst().source().getAddress()).isEqualTo(lan.nat().publicAddress());
        assertThat(at1.getFirst().source().getPort()).isEqualTo(inside.localAddress().getPort()); // preserving
    }

    @Test
    void addressDependentMappingSharesAPortPerDestinationAddressOnly() {
        SimLan lan = net.addLan("198.18.1.1", NatBehavior.of(MappingBehavior.ADDRESS_DEPENDENT, ADDRESS_AND_PORT_DEPENDENT));
        DatagramEndpoint inside = lan.addHost().bind();
        SimHost server = net.addPublicHost("198.18.0.1");
        DatagramEndpoint p1 = server.bind();
        DatagramEndpoint p2 = server.bind();
        DatagramEndpoint other = net.addPublicHost("198.18.0.2").bind();
        List<Datagram> at1 = collect(p1);
        List<Datagram> at2 = collect(p2);
        List<Datagram> atOther = collect(other);

        inside.send(p1.localAddress(), new byte[1]);
        inside.send(p2.localAddress(), new byte[1]);
        inside.send(other.localAddress(), new byte[1]);
        settle();

        assertThat(at1.getFirst().source()).isEqualTo(at2.getFirst().source());
        assertThat(atOther.getFirst().source()).isNotEqualTo(at1.getFirst().source());
    }

    @Test
    void symmetricMappingTakesANewPortPerDestination() {
        SimLan lan = net.addLan("198.18.1.1", NatBehavior.of(MappingBehavior.ADDRESS_AND_PORT_DEPENDENT, ADDRESS_AND_PORT_DEPENDENT));
        DatagramEndpoint inside = lan.addHost().bind();
        SimHost server = net.addPublicHost("198.18.0.1");
        DatagramEndpoint p1 = server.bind();
        DatagramEndpoint p2 = server.bind();
        List<Datagram> at1 = collect(p1);
        List<Datagram> at2 = collect(p2);

        inside.send(p1.localAddress(), new byte[1]);
        inside.send(p2.localAddress(), new byte[1]);
        settle();

        assertThat(at1.getFirst().source()).isNotEqualTo(at2.getFirst().source());
    }

    @Test
    void filteringAdmitsWhatEachBehaviourAllows() {
        for (FilteringBehavior f : FilteringBehavior.values()) {
            SimulatedInternet n = new SimulatedInternet(1);
            SimLan lan = n.addLan("198.18.1.1", NatBehavior.of(MappingBehavior.ENDPOINT_INDEPENDENT, f));
            DatagramEndpoint inside = lan.addHost().bind();
            List<Datagram> got = collect(inside);
            SimHost server = n.addPublicHost("198.18.0.1");
            DatagramEndpoint contacted = server.bind();
            DatagramEndpoint samePortless = server.bind();
            DatagramEndpoint stranger = n.addPublicHost("198.18.0.2").bind();
            List<Datagram> atServer = collect(contacted);

            inside.send(contacted.localAddress(), new byte[1]);
            n.scheduler().runFor(Duration.ofSeconds(1));
            InetSocketAddress mapped = atServer.getFirst().source();
            contacted.send(mapped, new byte[] {1});
            samePortless.send(mapped, new byte[] {2});
            stranger.send(mapped, new byte[] {3});
            n.scheduler().runFor(Duration.ofSeconds(1));

            List<Byte> firstBytes = got.stream().map(d -> d.data()[0]).toList();
            switch (f) {
                case ENDPOINT_INDEPENDENT -> assertThat(firstBytes).containsExactly((byte) 1, (byte) 2, (byte) 3);
                case ADDRESS_DEPENDENT -> assertThat(firstBytes).containsExactly((byte) 1, (byte) 2);
                case ADDRESS_AND_PORT_DEPENDENT -> assertThat(firstBytes).containsExactly((byte) 1);
            }
        }
    }

    @Test
    void anIdleMappingIsForgottenAfterTheBindingTimeout() {
        SimLan lan = net.addLan("198.18.1.1", NatBehavior.of(MappingBehavior.ENDPOINT_INDEPENDENT, ADDRESS_DEPENDENT)
                .withBindingTimeout(Duration.ofSeconds(20)));
        DatagramEndpoint inside = lan.addHost().bind();
        List<Datagram> got = collect(inside);
        DatagramEndpoint server = net.addPublicHost("198.18.0.1").bind();
        List<Datagram> atServer = collect(server);
        inside.send(server.localAddress(), new byte[1]);
        settle();
        InetSocketAddress mapped = atServer.getFirst().source();

        net.scheduler().runFor(Duration.ofSeconds(18));
        server.send(mapped, new byte[1]); // inbound refreshes the flow
        net.scheduler().runFor(Duration.ofSeconds(19));
        server.send(mapped, new byte[1]);
        settle();
        assertThat(got).hasSize(2);

        net.scheduler().runFor(Duration.ofSeconds(21));
        server.send(mapped, new byte[1]);
        settle();
        assertThat(got).hasSize(2);
        assertThat(net.stats().dropped(DropReason.NO_MAPPING)).isEqualTo(1);
    }

    @Test
    void hairpinningLoopsBackOnlyWhenEnabled() {
        for (boolean hairpin : new boolean[] {false, true}) {
            SimulatedInternet n = new SimulatedInternet(1);
            SimLan lan = n.addLan("198.18.1.1", NatBehavior.of(MappingBehavior.ENDPOINT_INDEPENDENT,
                    FilteringBehavior.ENDPOINT_INDEPENDENT).withHairpinning(hairpin));
            DatagramEndpoint a = lan.addHost().bind();
            DatagramEndpoint b = lan.addHost().bind();
            List<Datagram> atB = collect(b);
            DatagramEndpoint server = n.addPublicHost("198.18.0.1").bind();
            List<Datagram> atServer = collect(server);
            b.send(server.localAddress(), new byte[1]);
            n.scheduler().runFor(Duration.ofSeconds(1));

            a.send(atServer.getFirst().source(), new byte[] {7});
            n.scheduler().runFor(Duration.ofSeconds(1));

            if (hairpin) {
                assertThat(atB).singleElement().satisfies(d ->
                        assertThat(d.source().getAddress()).isEqualTo(lan.nat().publicAddress()));
            } else {
                assertThat(atB).isEmpty();
                assertThat(n.stats().dropped(DropReason.NO_HAIRPIN)).isEqualTo(1);
            }
        }
    }

    @Test
    void ttlTwoOpensTheOwnMappingButDiesInTheCore() {
        SimLan lan = net.addLan("198.18.1.1", NatBehavior.of(MappingBehavior.ENDPOINT_INDEPENDENT, ADDRESS_AND_PORT_DEPENDENT));
        DatagramEndpoint inside = lan.addHost().bind();
        List<Datagram> got = collect(inside);
        DatagramEndpoint peer = net.addPublicHost("198.18.0.1").bind();
        List<Datagram> atPeer = collect(peer);

        inside.send(peer.localAddress(), new byte[1], 2);
        settle();
        assertThat(atPeer).isEmpty();
        assertThat(net.stats().dropped(DropReason.TTL_EXPIRED)).isEqualTo(1);

        InetSocketAddress mapped = new InetSocketAddress(lan.nat().publicAddress(), inside.localAddress().getPort());
        peer.send(mapped, new byte[1]);
        settle();
        assertThat(got).hasSize(1); // the primed mapping let the peer in

        inside.send(peer.localAddress(), new byte[1], 1); // TTL 1 dies at its own NAT, before any mapping
        settle();
        assertThat(net.stats().dropped(DropReason.TTL_EXPIRED)).isEqualTo(2);
    }

    @Test
    void conntrackClashMovesANewFlowToAnotherPort() {
        SimLan lan = net.addLan("198.18.1.1", NatBehavior.linuxMasquerade());
        DatagramEndpoint inside = lan.addHost().bind();
        DatagramEndpoint peer = net.addPublicHost("198.18.0.1").bind();
        List<Datagram> atPeer = collect(peer);
        InetSocketAddress preserved = new InetSocketAddress(lan.nat().publicAddress(), inside.localAddress().getPort());

        peer.send(preserved, new byte[1]); // unsolicited: dropped, but conntrack remembers it
        settle();
        inside.send(peer.localAddress(), new byte[1]);
        settle();

        assertThat(atPeer.getFirst().source()).isNotEqualTo(preserved);
        assertThat(net.stats().dropped(DropReason.NO_MAPPING)).isEqualTo(1);
    }

    @Test
    void allocationStrategiesPickDifferentPorts() {
        SimLan seq = net.addLan("198.18.1.1", NatBehavior.of(MappingBehavior.ADDRESS_AND_PORT_DEPENDENT,
                ADDRESS_AND_PORT_DEPENDENT).withAllocation(PortAllocation.SEQUENTIAL));
        DatagramEndpoint inside = seq.addHost().bind();
        SimHost server = net.addPublicHost("198.18.0.1");
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            DatagramEndpoint s = server.bind();
            s.receive(d -> ports.add(d.source().getPort()));
            inside.send(s.localAddress(), new byte[1]);
        }
        settle();
        assertThat(ports).containsExactly(20_000, 20_001, 20_002);
    }

    @Test
    void lossIsSeededAndRepeatable() {
        assertThat(lossRun(7)).isEqualTo(lossRun(7)).isBetween(300, 500);
    }

    private static int lossRun(long seed) {
        SimulatedInternet n = new SimulatedInternet(seed, SimulatedInternet.DEFAULT_INTERNET_LINK.withLoss(0.6));
        DatagramEndpoint a = n.addPublicHost("198.18.0.1").bind();
        DatagramEndpoint b = n.addPublicHost("198.18.0.2").bind();
        List<Datagram> got = collect(b);
        for (int i = 0; i < 1000; i++) {
            a.send(b.localAddress(), new byte[1]);
        }
        n.scheduler().runFor(Duration.ofSeconds(1));
        return got.size();
    }

    @Test
    void aCarrierGradeNatCanSitInFrontOfAHomeNat() {
        SimLan carrier = net.addLan("198.18.5.1", NatBehavior.of(MappingBehavior.ENDPOINT_INDEPENDENT, ADDRESS_DEPENDENT));
        SimLan home = carrier.addLan(NatBehavior.of(MappingBehavior.ENDPOINT_INDEPENDENT, ADDRESS_DEPENDENT));
        DatagramEndpoint inside = home.addHost().bind();
        List<Datagram> got = collect(inside);
        DatagramEndpoint server = net.addPublicHost("198.18.0.1").bind();
        List<Datagram> atServer = collect(server);

        inside.send(server.localAddress(), new byte[1]);
        settle();
        assertThat(atServer.getFirst().source().getAddress()).isEqualTo(carrier.nat().publicAddress());
        server.send(atServer.getFirst().source(), new byte[1]);
        settle();
        assertThat(got).hasSize(1);
    }

    @Test
    void datagramsToNowhereAreCountedNotThrown() {
        DatagramEndpoint a = net.addPublicHost("198.18.0.1").bind();
        a.send(new InetSocketAddress(SimulatedInternet.address("198.19.9.9"), 1), new byte[1]);
        a.send(new InetSocketAddress(SimulatedInternet.address("198.18.0.1"), 9), new byte[1]);
        settle();
        assertThat(net.stats().dropped(DropReason.NO_ROUTE)).isEqualTo(1);
        assertThat(net.stats().dropped(DropReason.NO_LISTENER)).isEqualTo(1);
    }
}
