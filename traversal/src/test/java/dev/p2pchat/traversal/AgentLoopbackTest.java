package dev.p2pchat.traversal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.traversal.loop.ThreadTaskLoop;
import dev.p2pchat.traversal.net.UdpNetwork;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two agents on real loopback sockets and wall-clock loops connect over host candidates. */
class AgentLoopbackTest {
    @Test
    void twoAgentsConnectViaHostCandidatesOnLoopback() throws Exception {
        UdpNetwork loopback = UdpNetwork.onAddress(InetAddress.getLoopbackAddress());
        try (ThreadTaskLoop loopA = new ThreadTaskLoop("agent-a");
             ThreadTaskLoop loopB = new ThreadTaskLoop("agent-b");
             TraversalAgent a = TraversalAgent.open(loopback, loopA, AgentConfig.defaults(), new SecureRandom());
             TraversalAgent b = TraversalAgent.open(loopback, loopB, AgentConfig.defaults(), new SecureRandom())) {
            PeerDescription offer = a.gather().get(5, TimeUnit.SECONDS);
            assertThat(offer.candidates()).singleElement().satisfies(c -> {
                assertThat(c.type()).isEqualTo(CandidateType.HOST);
                assertThat(c.address()).isEqualTo(a.localAddress());
            });

            PeerDescription answer = b.gather().get(5, TimeUnit.SECONDS);
            CompletableFuture<Path> atB = b.connect(answer, offer, Role.CONTROLLED);
            CompletableFuture<Path> atA = a.connect(offer, answer, Role.CONTROLLING);
            Path pathA = atA.get(10, TimeUnit.SECONDS);
            Path pathB = atB.get(10, TimeUnit.SECONDS);

            assertThat(pathA.remoteAddress()).isEqualTo(b.localAddress());
            assertThat(pathB.remoteAddress()).isEqualTo(a.localAddress());
            LinkedBlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
            pathB.setListener((p, frame) -> received.add(frame));
            pathA.send(new byte[] {(byte) 0xD2, 1, 2, 3});
            assertThat(received.poll(5, TimeUnit.SECONDS)).containsExactly(0xD2, 1, 2, 3);
        }
    }
}
