package dev.p2pchat.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading tcpdump's pcap files: runs everywhere, no root needed. */
class PcapTest {

    @Test
    void readsFramesInEitherByteOrderAndKeepsOnlyWholeRecords() {
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            byte[] file = pcap(order, "first frame", "second", "cut short");
            byte[] truncated = java.util.Arrays.copyOf(file, file.length - 3);

            List<byte[]> frames = Capture.Pcap.frames(truncated);

            assertThat(frames).extracting(frame -> new String(frame, StandardCharsets.US_ASCII))
                    .containsExactly("first frame", "second");
        }
    }

    @Test
    void anEmptyFileHasNoFramesAndAnotherFormatIsRejected() {
        assertThat(Capture.Pcap.frames(new byte[0])).isEmpty();
        assertThatThrownBy(() -> Capture.Pcap.frames(new byte[24]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a pcap file");
    }

    @Test
    void findsBytesInsideAFrame() {
        byte[] frame = "....hello, bob....".getBytes(StandardCharsets.US_ASCII);

        assertThat(Capture.indexOf(frame, "hello, bob".getBytes(StandardCharsets.US_ASCII))).isEqualTo(4);
        assertThat(Capture.indexOf(frame, "hello, eve".getBytes(StandardCharsets.US_ASCII))).isEqualTo(-1);
    }

    private static byte[] pcap(ByteOrder order, String... frames) {
        int size = 24 + List.of(frames).stream().mapToInt(f -> 16 + f.length()).sum();
        ByteBuffer buffer = ByteBuffer.allocate(size).order(order);
        buffer.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(1);
        for (String frame : frames) {
            buffer.putInt(1).putInt(0).putInt(frame.length()).putInt(frame.length());
            buffer.put(frame.getBytes(StandardCharsets.US_ASCII));
        }
        return buffer.array();
    }
}
