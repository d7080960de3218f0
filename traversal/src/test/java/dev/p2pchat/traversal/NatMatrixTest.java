package dev.p2pchat.traversal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.traversal.nat.FilteringBehavior;
import dev.p2pchat.traversal.nat.MappingBehavior;
import dev.p2pchat.traversal.sim.NatBehavior;
import dev.p2pchat.traversal.sim.SimHost;
import dev.p2pchat.traversal.sim.SimulatedInternet;
import dev.p2pchat.traversal.sim.StunResponder;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pair of NAT types — each side public or behind a NAT of one of the 3 × 3 RFC 4787 mapping ×
 * filtering behaviours — connects directly exactly where theory says it can, and otherwise ends with
 * "no direct path" within the connect timeout. Both orders (who offers) are run: 100 cases.
 *
 * <p>The expectation, one row per rule (first matching row wins). "Fresh port" means the side's NAT gives
 * the flow toward the peer another public port than the one STUN saw (any non-EIM mapping):
 * <pre>
 *  rule                                              direct  reason
 *  1 either side public                                yes   the NAT'ed side's PING reaches it; it answers the prflx
 *  2 both EIM                                          yes   each side's PINGs come from its srflx, which the other pinged
 *  3 both APDM                                         no    every new peer address gets a new port: no check is ever symmetric
 *  4 X EIM, X filtering EIF or ADF (other non-EIM)     yes   Y's PINGs from a fresh port pass X's filter (X sent to Y's IP); X answers Y's prflx
 *  5 X non-EIM with EIF, Y filtering EIF or ADF        yes   X admits Y's PING from anywhere; X's fresh-port reply passes Y's filter (Y sent to X's IP)
 *  6 otherwise                                         no    the first datagram either way from a fresh port meets a port-dependent filter
 * </pre>
 */
class NatMatrixTest {
    private static final InetSocketAddress STUN = new InetSocketAddress(java.net.InetAddress.ofLiteral("198.18.0.10"), 3478);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** A side: empty means a public host. */
    record Side(Optional<NatBehavior> nat) {
        boolean isPublic() {
            return nat.isEmpty();
        }

        boolean eim() {
            return nat.map(n -> n.mapping() == MappingBehavior.ENDPOINT_INDEPENDENT).orElse(true);
        }

        boolean apdm() {
            return nat.map(n -> n.mapping() == MappingBehavior.ADDRESS_AND_PORT_DEPENDENT).orElse(false);
        }

        FilteringBehavior filtering() {
            return nat.map(NatBehavior::filtering).orElse(FilteringBehavior.ENDPOINT_INDEPENDENT);
        }

        @Override
        public String toString() {
            return nat.map(NatBehavior::shortName).orElse("public");
        }
    }

    record Expectation(boolean direct, String rule) {}

    static Expectation expect(Side a, Side b) {
        if (a.isPublic() || b.isPublic()) {
            return new Expectation(true, "1 either side public");
        }
        if (a.eim() && b.eim()) {
            return new Expectation(true, "2 both EIM");
        }
        if (a.apdm() && b.apdm()) {
            return new Expectation(false, "3 both APDM");
        }
        if (eimAdmitting(a) || eimAdmitting(b)) {
            return new Expectation(true, "4 an EIM side whose filter admits the peer's IP");
        }
        if (openFresh(a, b) || openFresh(b, a)) {
            return new Expectation(true, "5 a non-EIM side with EIF, peer filter not port-dependent");
        }
        return new Expectation(false, "6 a fresh port meets a port-dependent filter");
    }

    private static boolean eimAdmitting(Side x) {
        return x.eim() && x.filtering() != FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT;
    }

    private static boolean openFresh(Side x, Side y) {
        return !x.eim() && x.filtering() == FilteringBehavior.ENDPOINT_INDEPENDENT
                && y.filtering() != FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT;
    }

    static Stream<Arguments> pairs() {
        List<Side> sides = new ArrayList<>();
        sides.add(new Side(Optional.empty()));
        for (MappingBehavior m : MappingBehavior.values()) {
            for (FilteringBehavior f : FilteringBehavior.values()) {
                sides.add(new Side(Optional.of(NatBehavior.of(m, f))));
            }
        }
        List<Arguments> out = new ArrayList<>();
        for (Side offerer : sides) {
            for (Side answerer : sides) {
                out.add(Arguments.of(offerer, answerer, expect(offerer, answerer)));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} offers to {1}: {2}")
    @MethodSource("pairs")
    void connectsExactlyWhereTheoryAllows(Side offerer, Side answerer, Expectation expected) throws Exception {
        SimulatedInternet net = new SimulatedInternet(offerer.hashCode() * 31L + answerer.hashCode());
        StunResponder.single(net.addPublicHost("198.18.0.10").bind(STUN));
        AgentConfig config = AgentConfig.defaults().withStunServers(List.of(STUN)).withConnectTimeout(CONNECT_TIMEOUT);
        SimPeers peers = new SimPeers(net, host(net, offerer, "198.18.1.1", "198.18.0.1"),
                host(net, answerer, "198.18.2.1", "198.18.0.2"), config);

        boolean finished = peers.connect(Duration.ofMillis(60), CONNECT_TIMEOUT.plusSeconds(5));

        assertThat(finished).as("an outcome within the bound").isTrue();
        assertThat(peers.connected()).as("%s offers to %s, rule %s; %s", offerer, answerer, expected.rule(), outcome(peers))
                .isEqualTo(expected.direct());
        if (expected.direct()) {
            assertThat(peers.offererPath.join().remoteAddress().getPort()).isPositive();
        } else {
            assertThat(peers.offererPath).isCompletedExceptionally();
            assertThat(peers.answererPath).isCompletedExceptionally();
        }
    }

    private static SimHost host(SimulatedInternet net, Side side, String natAddress, String publicAddress) {
        return side.nat().map(n -> net.addLan(natAddress, n).addHost()).orElseGet(() -> net.addPublicHost(publicAddress));
    }

    private static String outcome(SimPeers peers) {
        return "offerer: " + describe(peers.offererPath) + "; answerer: " + describe(peers.answererPath);
    }

    private static String describe(java.util.concurrent.CompletableFuture<Path> f) {
        return f.handle((p, e) -> p != null ? p.toString() : e.getCause() != null ? e.getCause().getMessage() : e.toString()).join();
    }
}
