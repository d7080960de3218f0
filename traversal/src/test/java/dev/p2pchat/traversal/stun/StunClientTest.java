package dev.p2pchat.traversal.stun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.protocol.stun.AddressAttribute;
import dev.p2pchat.protocol.stun.ErrorAttribute;
import dev.p2pchat.protocol.stun.Stun;
import dev.p2pchat.protocol.stun.StunMessage;
import dev.p2pchat.protocol.stun.StunMessageType;
import dev.p2pchat.traversal.loop.ThreadTaskLoop;
import dev.p2pchat.traversal.net.DatagramEndpoint;
import dev.p2pchat.traversal.net.UdpNetwork;
import dev.p2pchat.traversal.sim.SimScheduler;
import dev.p2pchat.traversal.sim.SimulatedInternet;
import dev.p2pchat.traversal.sim.StunResponder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StunClientTest {
    private final SimulatedInternet net = new SimulatedInternet(9);
    private final DatagramEndpoint clientEndpoint = net.addPublicHost("198.18.0.1").bind();
    private final StunClient client = new StunClient(clientEndpoint, net.scheduler(), new SplittableRandom(3), StunTiming.RFC8489);

    {
        clientEndpoint.receive(d -> net.scheduler().execute(() -> client.onDatagram(d)));
    }

    @Test
    void retransmitsOnTheRfc8489ScheduleThenTimesOut() {
        DatagramEndpoint silent = net.addPublicHost("198.18.0.10").bind();
        List<Instant> arrivals = new ArrayList<>();
        silent.receive(d -> arrivals.add(net.scheduler().now()));

        CompletableFuture<StunResult> r = client.binding(silent.localAddress());
        net.scheduler().runUntil(r::isDone, Duration.ofMinutes(1));

        Instant t0 = SimScheduler.EPOCH.plusMillis(20); // one-way latency of the simulated core
        assertThat(arrivals).containsExactly(t0, t0.plusMillis(500), t0.plusMillis(1500), t0.plusMillis(3500),
                t0.plusMillis(7500), t0.plusMillis(15500), t0.plusMillis(31500));
        assertThat(r.join()).isEqualTo(new StunResult.Timeout(silent.localAddress(), 7));
        assertThat(net.scheduler().now()).isEqualTo(SimScheduler.EPOCH.plusMillis(39_500));
        assertThat(StunTiming.RFC8489.total()).isEqualTo(Duration.ofMillis(39_500));
    }

    @Test
    void aSuccessCarriesTheMappedAddress() {
        StunResponder server = StunResponder.single(net.addPublicHost("198.18.0.10").bind());
        CompletableFuture<StunResult> r = client.binding(server.primary().localAddress());
        net.scheduler().runUntil(r::isDone, Duration.ofSeconds(5));
        assertThat(r.join()).isInstanceOfSatisfying(StunResult.Success.class,
                s -> assertThat(s.mapped()).contains(clientEndpoint.localAddress()));
        assertThat(net.scheduler().now()).isEqualTo(SimScheduler.EPOCH.plusMillis(40));
    }

    @Test
    void anErrorResponseIsTypedAndJunkIsCounted() {
        DatagramEndpoint server = net.addPublicHost("198.18.0.10").bind();
        server.receive(d -> {
            try {
                StunMessage req = Stun.decode(d.data());
                server.send(d.source(), new byte[] {0, 1, 0, 0}); // junk that looks like STUN by its first byte
                server.send(d.source(), Stun.encode(StunMessage.of(StunMessageType.BINDING_SUCCESS,
                        dev.p2pchat.protocol.stun.TransactionId.random(new SplittableRandom(8)),
                        new AddressAttribute.XorMappedAddress(d.source())))); // someone else's transaction
                server.send(d.source(), Stun.encode(StunMessage.of(StunMessageType.BINDING_ERROR,
                        req.transactionId(), new ErrorAttribute.ErrorCode(400, "Bad Request"))));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        CompletableFuture<StunResult> r = client.binding(server.localAddress());
        net.scheduler().runUntil(r::isDone, Duration.ofSeconds(5));
        assertThat(r.join()).isInstanceOfSatisfying(StunResult.Error.class, e -> assertThat(e.code()).isEqualTo(400));
        assertThat(client.dropped()).isEqualTo(2);
    }

    @Test
    void worksOnRealLoopbackSockets() throws Exception {
        UdpNetwork loopback = UdpNetwork.onAddress(InetAddress.getLoopbackAddress());
        try (ThreadTaskLoop loop = new ThreadTaskLoop("stun-test");
             StunResponder server = StunResponder.single(loopback.bind(new InetSocketAddress(0)));
             DatagramEndpoint endpoint = loopback.bind(new InetSocketAddress(0))) {
            StunClient real = new StunClient(endpoint, loop, new SecureRandom(), StunTiming.RFC8489);
            endpoint.receive(d -> loop.execute(() -> real.onDatagram(d)));

            StunResult r = real.binding(server.primary().localAddress()).get(5, TimeUnit.SECONDS);

            assertThat(r).isInstanceOfSatisfying(StunResult.Success.class,
                    s -> assertThat(s.mapped()).contains(endpoint.localAddress()));
        }
    }
}
