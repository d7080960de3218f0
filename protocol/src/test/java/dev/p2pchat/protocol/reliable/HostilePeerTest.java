package dev.p2pchat.protocol.reliable;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An authenticated but hostile (or broken) peer: whatever it sends, the stream neither throws nor
 * grows beyond its configured bounds.
 */
class HostilePeerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final StreamConfig CONFIG = StreamConfig.defaults();
    private final ReliableStream victim = new ReliableStream(CONFIG, new InMemoryDeliveredIds());

    private void assertBounded() {
        StreamStats stats = victim.stats();
        assertThat(stats.bufferedSegments()).isLessThanOrEqualTo(CONFIG.receiveWindow());
        assertThat(stats.inFlight()).isLessThanOrEqualTo(CONFIG.sendWindow());
        for (byte[] packet : victim.collect(T0.plusSeconds(1000))) {
            assertThat(packet.length).isLessThanOrEqualTo(CONFIG.maxPacketBytes());
        }
    }

    @Test
    void randomBytesAreDroppedAndCounted() {
        SplittableRandom random = new SplittableRandom(42);
        int dropped = 0;
        for (int i = 0; i < 50_000; i++) {
            byte[] packet = new byte[random.nextInt(1500)];
            random.nextBytes(packet);
            if (random.nextBoolean() && packet.length > 0) {
                packet[0] = (byte) random.nextInt(6); // a valid kind, so the frame parsers get exercised
            }
            for (StreamEvent event : victim.receive(packet, T0.plusMillis(i))) {
                if (event instanceof StreamEvent.PacketDropped) {
                    dropped++;
                }
            }
        }
        assertThat(dropped).isGreaterThan(40_000);
        assertThat(victim.stats().malformedPackets()).isEqualTo(dropped);
        assertBounded();
    }

    @Test
    void wellFormedButAbsurdFramesChangeNothingUnbounded() {
        victim.send(MessageId.of(new UUID(0, 1)), new byte[] {1});
        victim.collect(T0);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            List<StreamFrame> frames = new ArrayList<>();
            long seq = random.nextBoolean() ? 1 + random.nextLong(Long.MAX_VALUE - 1) : 1 + random.nextInt(300);
            frames.add(new DataFrame(seq, MessageId.of(new UUID(0, random.nextInt(50))), random.nextBoolean(),
                    new byte[random.nextInt(1000)]));
            long cumulative = random.nextBoolean() ? random.nextLong(Long.MAX_VALUE - 100) : random.nextInt(3);
            frames.add(new AckFrame(cumulative, random.nextLong(1L << 32),
                    List.of(new SackRange(cumulative + 2, cumulative + 2 + random.nextInt(5)))));
            frames.add(new PongFrame(random.nextLong()));
            victim.receive(StreamFrameCodec.encode(frames), T0.plusMillis(i));
        }
        StreamStats stats = victim.stats();
        assertThat(stats.invalidAcks()).isGreaterThan(10_000);
        assertThat(stats.outOfWindowSegments()).isGreaterThan(5_000);
        assertThat(stats.messagesAcknowledged()).isLessThanOrEqualTo(1); // only our one message can be acknowledged
        assertBounded();
    }

    @Test
    void endlessFragmentsWithoutEndAreDiscardedNotAccumulated() {
        MessageId id = MessageId.of(new UUID(9, 9));
        byte[] chunk = new byte[1000];
        for (int seq = 1; seq <= 1000; seq++) {
            List<StreamEvent> events = victim.receive(StreamFrameCodec.encode(new DataFrame(seq, id, false, chunk)),
                    T0.plusMillis(seq));
            assertThat(events).isEmpty();
        }
        assertThat(victim.stats().discardedMessages()).isEqualTo(1);
        // The stream goes on: the END fragment closes the discarded message and the next one is delivered.
        victim.receive(StreamFrameCodec.encode(new DataFrame(1001, id, true, chunk)), T0.plusSeconds(2));
        MessageId next = MessageId.of(new UUID(9, 10));
        assertThat(victim.receive(StreamFrameCodec.encode(new DataFrame(1002, next, true, new byte[] {1})), T0.plusSeconds(2)))
                .containsExactly(new StreamEvent.MessageReceived(next, new byte[] {1}));
    }

    @Test
    void ackForNeverSentDataIsIgnored() {
        List<StreamEvent> events = victim.receive(StreamFrameCodec.encode(new AckFrame(Long.MAX_VALUE, 0, List.of())), T0);

        assertThat(events).isEmpty();
        assertThat(victim.stats().invalidAcks()).isEqualTo(1);
        assertThat(victim.stats().srtt()).isEmpty();
    }

    @Test
    void pingFloodGetsOnePongPerCollect() throws Exception {
        for (int i = 0; i < 1000; i++) {
            victim.receive(StreamFrameCodec.encode(new PingFrame(i)), T0);
        }
        List<byte[]> packets = victim.collect(T0);
        assertThat(packets).hasSize(1);
        assertThat(StreamFrameCodec.decode(packets.getFirst())).containsExactly(new PongFrame(999));
    }
}
