package dev.p2pchat.protocol.reliable;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Fuzz targets: any bytes either decode to frames that re-encode to the same bytes, or are rejected
 * with a typed error; and a stream fed any packets stays within its bounds. Without JAZZER_FUZZ set
 * these run once per checked-in input (regression mode), as ordinary tests.
 */
class StreamFuzzTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @FuzzTest(maxDuration = "60s")
    void decodeIsExactOrTyped(byte[] packet) {
        List<StreamFrame> frames;
        try {
            frames = StreamFrameCodec.decode(packet);
        } catch (FrameDecodeException e) {
            assertThat(e.error()).isNotNull();
            return;
        }
        assertThat(StreamFrameCodec.encode(frames)).isEqualTo(packet);
    }

    @FuzzTest(maxDuration = "60s")
    void streamStaysBounded(byte[] input) {
        StreamConfig config = StreamConfig.defaults();
        ReliableStream stream = new ReliableStream(config, new InMemoryDeliveredIds(16));
        stream.send(MessageId.of(new UUID(1, 1)), new byte[] {1});
        stream.collect(T0);
        // Split the input into packets at every 0xFF byte, each arriving 1 ms after the previous one.
        int start = 0;
        long ms = 0;
        for (int i = 0; i <= input.length; i++) {
            if (i == input.length || input[i] == (byte) 0xFF) {
                stream.receive(Arrays.copyOfRange(input, start, i), T0.plusMillis(++ms));
                start = i + 1;
            }
        }
        for (byte[] packet : stream.collect(T0.plusSeconds(60))) {
            assertThat(packet.length).isLessThanOrEqualTo(config.maxPacketBytes());
        }
        assertThat(stream.stats().bufferedSegments()).isLessThanOrEqualTo(config.receiveWindow());
    }
}
