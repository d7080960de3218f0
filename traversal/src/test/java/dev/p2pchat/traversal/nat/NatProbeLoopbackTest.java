package dev.p2pchat.traversal.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.p2pchat.traversal.loop.ThreadTaskLoop;
import dev.p2pchat.traversal.net.UdpNetwork;
import dev.p2pchat.traversal.sim.StunResponder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The RFC 5780 probe on real sockets: 127.0.0.1 and 127.0.0.2 (Linux answers all of 127/8) as the two server addresses. */
class NatProbeLoopbackTest {
    @Test
    void aLoopbackClientHasNoNatAndAnOpenFilter() throws Exception {
        assumeThat(System.getProperty("os.name")).containsIgnoringCase("linux");
        UdpNetwork one = UdpNetwork.onAddress(InetAddress.ofLiteral("127.0.0.1"));
        UdpNetwork two = UdpNetwork.onAddress(InetAddress.ofLiteral("127.0.0.2"));
        try (ThreadTaskLoop loop = new ThreadTaskLoop("probe");
             StunResponder server = StunResponder.withAlternate(one.bind(new InetSocketAddress(0)),
                     one.bind(new InetSocketAddress(0)), two.bind(new InetSocketAddress(0)),
                     two.bind(new InetSocketAddress(0)))) {
            NatProbe probe = new NatProbe(one, loop, new SecureRandom(), NatProbe.PROBE_TIMING);

            NatReport r = probe.probe(server.primary().localAddress()).get(20, TimeUnit.SECONDS);

            assertThat(r.udpWorks()).isTrue();
            assertThat(r.behindNat()).isFalse();
            assertThat(r.publicAddress()).contains(r.localAddress());
            assertThat(r.mapping()).contains(MappingBehavior.ENDPOINT_INDEPENDENT);
            assertThat(r.filtering()).contains(FilteringBehavior.ENDPOINT_INDEPENDENT);
            assertThat(r.verdict()).contains("public address");
        }
    }
}
