package dev.p2pchat.protocol.reliable;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * 1,000 messages each way over a simulated lossy, duplicating, reordering channel: every one must be
 * delivered exactly once and in order, and acknowledged. The figures are printed for the record.
 */
class LossyChannelTest {
    private static final int N = 1_000;

    @ParameterizedTest(name = "{0} loss, seed {1}")
    @CsvSource({"0.0, 1", "0.2, 2", "0.5, 3"})
    void thousandMessagesEachWay(double loss, long seed) {
        LinkParams link = LinkParams.lossy(loss);
        SimulatedChannel channel = channel(link, seed);
        Traffic fromA = new Traffic("alice", N, seed * 31);
        Traffic fromB = new Traffic("bob", N, seed * 37);
        fromA.sendAll(channel.a.stream);
        fromB.sendAll(channel.b.stream);
        channel.flush(channel.a);
        channel.flush(channel.b);

        boolean done = channel.runUntil(() -> fromA.complete(channel.a, channel.b) && fromB.complete(channel.b, channel.a),
                Duration.ofHours(1));

        assertThat(done).as("finished within an hour of simulated time").isTrue();
        fromA.assertExactlyOnceInOrder(channel.a, channel.b);
        fromB.assertExactlyOnceInOrder(channel.b, channel.a);
        StreamStats a = channel.a.stream.stats();
        StreamStats b = channel.b.stream.stats();
        report(link, seed, channel, a, b);
        assertThat(a.inFlight() + a.queued() + b.inFlight() + b.queued()).isZero();
        assertThat(a.malformedPackets() + b.malformedPackets()).isZero();
        if (loss > 0) {
            assertThat(a.retransmissions()).isPositive();
            assertThat(b.retransmissions()).isPositive();
            assertThat(a.duplicateSegments() + b.duplicateSegments()).isPositive();
        } else {
            assertThat(a.timeouts() + b.timeouts()).isZero();
        }
        assertThat(a.srtt()).hasValueSatisfying(srtt -> assertThat(srtt).isBetween(Duration.ofMillis(60), Duration.ofMillis(400)));
    }

    @Test
    void perfectLinkNeedsNoRetransmissionAndMeasuresTheRtt() {
        SimulatedChannel channel = channel(LinkParams.perfect(Duration.ofMillis(30)), 7);
        Traffic fromA = new Traffic("alice", 200, 70);
        fromA.sendAll(channel.a.stream);
        channel.flush(channel.a);

        assertThat(channel.runUntil(() -> fromA.complete(channel.a, channel.b), Duration.ofMinutes(1))).isTrue();

        fromA.assertExactlyOnceInOrder(channel.a, channel.b);
        StreamStats a = channel.a.stream.stats();
        assertThat(a.retransmissions()).isZero();
        // 60 ms of path RTT; the receiver's ack delay is reported and taken out of every sample.
        assertThat(a.srtt()).hasValueSatisfying(srtt -> assertThat(srtt).isBetween(Duration.ofMillis(60), Duration.ofMillis(62)));
        assertThat(a.rto()).isEqualTo(Duration.ofMillis(200));
        // Delayed ACKs: about one ACK per two segments, not one per segment.
        StreamStats b = channel.b.stream.stats();
        assertThat(b.acksSent()).isLessThan(b.segmentsReceived() * 3 / 4);
    }

    @Test
    void anOutageLosesNothingAndAPathChangeResumesWithoutWaitingOutTheBackoff() {
        SimulatedChannel channel = channel(LinkParams.perfect(Duration.ofMillis(30)), 8);
        Traffic fromA = new Traffic("alice", 300, 80);
        fromA.sendAll(channel.a.stream);
        channel.flush(channel.a);
        channel.runFor(Duration.ofMillis(100));
        channel.blackout = true;
        channel.runFor(Duration.ofSeconds(30));
        assertThat(channel.a.stream.stats().rto()).isEqualTo(Duration.ofSeconds(10)); // backed off to the cap

        // The session moved to a new path (say, relay to direct): tell both streams.
        channel.blackout = false;
        channel.a.stream.pathChanged(channel.now());
        channel.b.stream.pathChanged(channel.now());
        channel.flush(channel.a);
        channel.flush(channel.b);

        assertThat(channel.runUntil(() -> fromA.complete(channel.a, channel.b), Duration.ofSeconds(3))).isTrue();
        fromA.assertExactlyOnceInOrder(channel.a, channel.b);
    }

    static SimulatedChannel channel(LinkParams link, long seed) {
        StreamConfig config = StreamConfig.defaults();
        return new SimulatedChannel(new ReliableStream(config, new InMemoryDeliveredIds()),
                new ReliableStream(config, new InMemoryDeliveredIds()), link, link, seed);
    }

    private static void report(LinkParams link, long seed, SimulatedChannel channel, StreamStats a, StreamStats b) {
        System.out.printf("[reliable] %s, seed %d: %d msgs each way in %.1f s simulated; "
                        + "A: %d segs, %d retx (%d fast, %d timeouts), B: %d segs, %d retx (%d fast, %d timeouts); "
                        + "dup segs suppressed %d; packets %d offered, %d lost; srtt %s, rto %s%n",
                link, seed, N, channel.elapsed().toMillis() / 1000.0,
                a.segmentsSent(), a.retransmissions(), a.fastRetransmits(), a.timeouts(),
                b.segmentsSent(), b.retransmissions(), b.fastRetransmits(), b.timeouts(),
                a.duplicateSegments() + b.duplicateSegments(), channel.packetsOffered(), channel.packetsLost(),
                a.srtt().map(d -> d.toMillis() + " ms").orElse("-"), a.rto().toMillis() + " ms");
    }
}
