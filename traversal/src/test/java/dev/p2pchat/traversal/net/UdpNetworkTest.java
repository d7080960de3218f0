package dev.p2pchat.traversal.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UdpNetworkTest {
    private final UdpNetwork loopback = UdpNetwork.onAddress(InetAddress.getLoopbackAddress());

    @Test
    void loopbackEndpointsExchangeDatagrams() throws Exception {
        try (DatagramEndpoint a = loopback.bind(new InetSocketAddress(0));
             DatagramEndpoint b = loopback.bind(new InetSocketAddress(0))) {
            LinkedBlockingQueue<Datagram> atB = new LinkedBlockingQueue<>();
            b.receive(atB::add);

            a.send(b.localAddress(), new byte[] {(byte) 0xD0, 1, 2});
            Datagram d = atB.poll(5, TimeUnit.SECONDS);

            assertThat(d).isNotNull();
            assertThat(d.source()).isEqualTo(a.localAddress());
            assertThat(d.data()).containsExactly(0xD0, 1, 2);
            assertThat(loopback.localAddresses()).containsExactly(InetAddress.getLoopbackAddress());
        }
    }

    @Test
    void aLowTtlSendSetsTheTtlForThatDatagramOnly() throws Exception {
        assumeThat(System.getProperty("os.name")).containsIgnoringCase("linux");
        try (UdpEndpoint a = (UdpEndpoint) loopback.bind(new InetSocketAddress(0));
             DatagramEndpoint b = loopback.bind(new InetSocketAddress(0))) {
            LinkedBlockingQueue<Datagram> atB = new LinkedBlockingQueue<>();
            b.receive(atB::add);
            assertThat(a.supportsTtl()).as("surefire runs with --add-opens java.base/sun.nio.ch").isTrue();
            assertThat(a.currentTtl()).isEqualTo(64);

            a.send(b.localAddress(), new byte[] {1}, 1); // TTL 1 still reaches a loopback neighbour

            assertThat(atB.poll(5, TimeUnit.SECONDS)).isNotNull();
            assertThat(a.currentTtl()).as("restored after the low-TTL send").isEqualTo(64);
            assertThat(a.sendErrors()).isZero();
        }
    }

    @Test
    void theKernelReportsTheTtlThatWasSet() throws Exception {
        assumeThat(System.getProperty("os.name")).containsIgnoringCase("linux");
        try (UdpEndpoint a = (UdpEndpoint) loopback.bind(new InetSocketAddress(0))) {
            NativeTtl ttl = NativeTtl.load().orElseThrow();
            int fd = ttl.fd(channelOf(a));
            ttl.set(fd, java.net.StandardProtocolFamily.INET, 2);
            assertThat(a.currentTtl()).isEqualTo(2);
            ttl.set(fd, java.net.StandardProtocolFamily.INET, 64);
            assertThat(a.currentTtl()).isEqualTo(64);
        }
    }

    private static java.nio.channels.DatagramChannel channelOf(UdpEndpoint e) throws Exception {
        var f = UdpEndpoint.class.getDeclaredField("channel");
        f.setAccessible(true);
        return (java.nio.channels.DatagramChannel) f.get(e);
    }

    @Test
    void ipv6LoopbackCarriesDatagramsAndItsHopLimit() throws Exception {
        assumeThat(System.getProperty("os.name")).containsIgnoringCase("linux");
        InetAddress v6 = InetAddress.ofLiteral("::1");
        UdpNetwork network = UdpNetwork.onAddress(v6);
        DatagramEndpoint probe;
        try {
            probe = network.bind(new InetSocketAddress(0));
        } catch (java.io.IOException noIpv6) {
            assumeThat(noIpv6).as("IPv6 loopback available").isNull();
            return;
        }
        try (UdpEndpoint a = (UdpEndpoint) probe; DatagramEndpoint b = network.bind(new InetSocketAddress(0))) {
            LinkedBlockingQueue<Datagram> atB = new LinkedBlockingQueue<>();
            b.receive(atB::add);
            int defaultHops = a.currentTtl();

            a.send(b.localAddress(), new byte[] {1}, 2);

            assertThat(atB.poll(5, TimeUnit.SECONDS)).isNotNull();
            assertThat(a.currentTtl()).isEqualTo(defaultHops);
            assertThat(a.sendErrors()).isZero();
        }
    }

    @Test
    void sendingAfterCloseIsDroppedQuietly() throws Exception {
        DatagramEndpoint a = loopback.bind(new InetSocketAddress(0));
        a.close();
        a.send(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9), new byte[1]);
        assertThat(((UdpEndpoint) a).sendErrors()).isZero();
    }
}
