package dev.p2pchat.protocol.reliable;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReliableStreamTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final ReliableStream alice = new ReliableStream(StreamConfig.defaults(), new InMemoryDeliveredIds());
    private final ReliableStream bob = new ReliableStream(StreamConfig.defaults(), new InMemoryDeliveredIds());

    private static MessageId id(int n) {
        return MessageId.of(new UUID(1, n));
    }

    private static Instant at(long ms) {
        return T0.plusMillis(ms);
    }

    private static List<StreamEvent> deliver(List<byte[]> packets, ReliableStream to, Instant now) {
        List<StreamEvent> events = new ArrayList<>();
        packets.forEach(p -> events.addAll(to.receive(p, now)));
        return events;
    }

    private static List<StreamFrame> frames(byte[] packet) throws FrameDecodeException {
        return StreamFrameCodec.decode(packet);
    }

    @Test
    void aMessageGoesOutAtOnceAndIsAcknowledgedAfterTheDelayedAck() throws Exception {
        assertThat(alice.nextTimeout()).isEmpty();
        alice.send(id(1), "hello".getBytes());
        List<byte[]> packets = alice.collect(at(0));
        assertThat(packets).hasSize(1);
        assertThat(frames(packets.getFirst())).containsExactly(new DataFrame(1, id(1), true, "hello".getBytes()));
        assertThat(alice.nextTimeout()).contains(at(1000)); // initial RTO

        assertThat(deliver(packets, bob, at(30)))
                .containsExactly(new StreamEvent.MessageReceived(id(1), "hello".getBytes()));
        assertThat(bob.collect(at(30))).isEmpty(); // one segment: the ACK waits
        assertThat(bob.nextTimeout()).contains(at(55));
        List<byte[]> ack = bob.collect(at(55));
        assertThat(frames(ack.getFirst())).containsExactly(new AckFrame(1, 25_000, List.of()));

        assertThat(deliver(ack, alice, at(85))).containsExactly(new StreamEvent.MessageAcknowledged(id(1)));
        assertThat(alice.nextTimeout()).isEmpty();
        // RFC 9002 §5.3: min_rtt comes from raw samples, so the first sample (85 ms) cannot be
        // corrected for the 25 ms the ACK was held; later ones can, down to min_rtt.
        assertThat(alice.stats().srtt()).contains(Duration.ofMillis(85));
        assertThat(alice.stats().minRtt()).contains(Duration.ofMillis(85));
    }

    @Test
    void dataCarriesAnAckAndPacketsStayWithinTheBudget() throws Exception {
        bob.send(id(100), new byte[] {1});
        deliver(bob.collect(at(0)), alice, at(10));
        for (int i = 0; i < 30; i++) {
            alice.send(id(i), new byte[300]);
        }

        List<byte[]> packets = alice.collect(at(10));

        assertThat(packets).allSatisfy(p -> assertThat(p.length).isLessThanOrEqualTo(1100));
        assertThat(frames(packets.getFirst()).getFirst()).isEqualTo(new AckFrame(1, 0, List.of()));
        long dataFrames = 0;
        for (byte[] p : packets) {
            dataFrames += frames(p).stream().filter(DataFrame.class::isInstance).count();
        }
        assertThat(dataFrames).isEqualTo(30);
        assertThat(packets).hasSize(10); // three 328-byte frames per 1100-byte packet
    }

    @Test
    void pingIsAnsweredWithPongAndGivesAnRttWhileIdle() throws Exception {
        alice.ping();
        List<byte[]> ping = alice.collect(at(0));
        assertThat(frames(ping.getFirst())).containsExactly(new PingFrame(1));

        deliver(ping, bob, at(40));
        assertThat(bob.nextTimeout()).contains(at(40));
        List<byte[]> pong = bob.collect(at(40));
        assertThat(frames(pong.getFirst())).containsExactly(new PongFrame(1));
        deliver(pong, alice, at(80));

        assertThat(alice.stats().srtt()).contains(Duration.ofMillis(80));
        // A PONG with a token we never sent, or a repeat, changes nothing.
        alice.receive(StreamFrameCodec.encode(new PongFrame(1)), at(500));
        alice.receive(StreamFrameCodec.encode(new PongFrame(99)), at(500));
        assertThat(alice.stats().srtt()).contains(Duration.ofMillis(80));
    }

    @Test
    void timeoutSendsTwoProbePackets() throws Exception {
        alice.send(id(1), new byte[] {1});
        alice.send(id(2), new byte[] {2});
        alice.collect(at(0));

        List<byte[]> probes = alice.collect(at(1000));

        assertThat(probes).hasSize(2);
        assertThat(frames(probes.get(0))).extracting(f -> ((DataFrame) f).sequence()).containsExactly(1L);
        assertThat(frames(probes.get(1))).hasSize(2).first().isInstanceOf(PingFrame.class);
        assertThat(alice.stats().timeouts()).isEqualTo(1);
    }

    @Test
    void closeSendsCloseOnceAndThePeerReportsIt() throws Exception {
        alice.send(id(1), new byte[] {1});
        alice.close(CloseReason.SHUTDOWN);

        assertThat(alice.send(id(2), new byte[] {2})).isEqualTo(SendResult.CLOSED);
        assertThat(alice.nextTimeout()).isPresent(); // CLOSING: collect at once
        List<byte[]> packets = alice.collect(at(0));
        assertThat(frames(packets.getFirst())).containsExactly(new CloseFrame(CloseReason.SHUTDOWN));
        assertThat(alice.collect(at(1))).isEmpty();
        assertThat(alice.isOpen()).isFalse();
        assertThat(alice.unacknowledged()).containsExactly(id(1));

        assertThat(deliver(packets, bob, at(10))).containsExactly(new StreamEvent.PeerClosed(CloseReason.SHUTDOWN));
        assertThat(bob.send(id(3), new byte[] {3})).isEqualTo(SendResult.CLOSED);
        assertThat(bob.collect(at(10))).isEmpty();
    }

    @Test
    void aClockGoingBackwardsIsHeldAtItsLatestValue() {
        alice.send(id(1), new byte[] {1});
        alice.collect(at(5000));

        assertThat(alice.collect(at(0))).isEmpty();
        assertThat(alice.nextTimeout()).contains(at(6000));
    }

    @Test
    void malformedPacketIsDroppedWithItsReason() {
        List<StreamEvent> events = alice.receive(new byte[] {9}, at(0));

        assertThat(events).containsExactly(new StreamEvent.PacketDropped(new DecodeError.UnknownFrameKind(9)));
        assertThat(alice.stats().malformedPackets()).isEqualTo(1);
        assertThat(alice.stats().packetsReceived()).isZero();
    }
}
