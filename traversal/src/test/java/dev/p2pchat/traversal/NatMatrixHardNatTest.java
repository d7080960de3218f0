package dev.p2pchat.traversal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.traversal.NatMatrixTest.Expectation;
import dev.p2pchat.traversal.NatMatrixTest.Side;
import dev.p2pchat.traversal.sim.SimHost;
import dev.p2pchat.traversal.sim.SimulatedInternet;
import dev.p2pchat.traversal.sim.StunResponder;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The matrix of {@link NatMatrixTest} again, with an RFC 5780 STUN server, so that each side learns whether
 * its mapping depends on the destination and the hard-NAT work runs: every pair that connected before still
 * does, and so does every pair of an endpoint-independent side and an address-dependent one (port
 * prediction or birthday probing); two address-dependent sides still cannot.
 */
class NatMatrixHardNatTest {
    static Stream<Arguments> pairs() {
        return NatMatrixTest.pairs().map(a -> {
            Side offerer = (Side) a.get()[0];
            Side answerer = (Side) a.get()[1];
            Expectation plain = (Expectation) a.get()[2];
            boolean oneHard = offerer.eim() != answerer.eim();
            return Arguments.of(offerer, answerer, plain.direct() || oneHard);
        });
    }

    @ParameterizedTest(name = "{0} offers to {1}: direct {2}")
    @MethodSource("pairs")
    void everyPairWithAnEndpointIndependentSideConnects(Side offerer, Side answerer, boolean direct) throws Exception {
        SimulatedInternet net = new SimulatedInternet(offerer.hashCode() * 31L + answerer.hashCode());
        SimHost s1 = net.addPublicHost("198.18.0.10");
        SimHost s2 = net.addPublicHost("198.18.0.11");
        StunResponder.withAlternate(s1.bind(3478), s1.bind(3479), s2.bind(3478), s2.bind(3479));
        AgentConfig config = AgentConfig.defaults().withStunServers(List.of(new InetSocketAddress(s1.address(), 3478)));
        SimPeers peers = new SimPeers(net, host(net, offerer, "198.18.1.1", "198.18.0.1"),
                host(net, answerer, "198.18.2.1", "198.18.0.2"), config);

        assertThat(peers.connect(Duration.ofMillis(60), config.connectTimeout().plusSeconds(5))).isTrue();

        assertThat(peers.connected()).as("%s offers to %s: %s", offerer, answerer,
                peers.offererPath.handle((p, e) -> e == null ? p.toString() : e.getMessage()).join()).isEqualTo(direct);
    }

    private static SimHost host(SimulatedInternet net, Side side, String natAddress, String publicAddress) {
        return side.nat().map(n -> net.addLan(natAddress, n).addHost()).orElseGet(() -> net.addPublicHost(publicAddress));
    }
}
