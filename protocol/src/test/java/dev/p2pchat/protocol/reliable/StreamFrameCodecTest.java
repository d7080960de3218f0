package dev.p2pchat.protocol.reliable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StreamFrameCodecTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final MessageId ID = MessageId.of(UUID.fromString("00112233-4455-6677-8899-aabbccddeeff"));

    @Test
    void dataFrameHasFixedLayout() throws Exception {
        DataFrame frame = new DataFrame(1, ID, true, "hi".getBytes(StandardCharsets.UTF_8));
        String hex = "01" + "0000000000000001" + "00112233445566778899aabbccddeeff" + "01" + "0002" + "6869";

        assertThat(HEX.formatHex(StreamFrameCodec.encode(frame))).isEqualTo(hex);
        assertThat(frame.encodedLength()).isEqualTo(30);
        assertThat(StreamFrameCodec.decode(HEX.parseHex(hex))).containsExactly(frame);
    }

    @Test
    void middleFragmentHasNoEndFlag() throws Exception {
        DataFrame frame = new DataFrame(0x0102030405060708L, ID, false, new byte[0]);
        String hex = "01" + "0102030405060708" + "00112233445566778899aabbccddeeff" + "00" + "0000";

        assertThat(HEX.formatHex(StreamFrameCodec.encode(frame))).isEqualTo(hex);
        assertThat(StreamFrameCodec.decode(HEX.parseHex(hex))).containsExactly(frame);
    }

    @Test
    void ackFrameHasFixedLayout() throws Exception {
        AckFrame ack = new AckFrame(5, 25_000, List.of(new SackRange(9, 10), new SackRange(7, 7)));
        String hex = "02" + "0000000000000005" + "000061a8" + "02"
                + "0000000000000009" + "000000000000000a" + "0000000000000007" + "0000000000000007";

        assertThat(HEX.formatHex(StreamFrameCodec.encode(ack))).isEqualTo(hex);
        assertThat(ack.encodedLength()).isEqualTo(14 + 32);
        assertThat(StreamFrameCodec.decode(HEX.parseHex(hex))).containsExactly(ack);
    }

    @Test
    void controlFramesHaveFixedLayout() throws Exception {
        List<StreamFrame> frames = List.of(new PingFrame(0x0102030405060708L), new PongFrame(-1),
                new CloseFrame(CloseReason.SHUTDOWN), new PaddingFrame(3));
        String hex = "03" + "0102030405060708" + "04" + "ffffffffffffffff" + "0502" + "000000";

        assertThat(HEX.formatHex(StreamFrameCodec.encode(frames))).isEqualTo(hex);
        assertThat(StreamFrameCodec.decode(HEX.parseHex(hex))).isEqualTo(frames);
    }

    @Test
    void packetCarriesSeveralFramesInOrder() throws Exception {
        List<StreamFrame> frames = List.of(new AckFrame(3, 0, List.of()), new DataFrame(4, ID, true, new byte[] {42}));
        byte[] packet = StreamFrameCodec.encode(frames);

        assertThat(packet).hasSize(14 + 29);
        assertThat(StreamFrameCodec.decode(packet)).isEqualTo(frames);
        assertThat(StreamFrameCodec.decode(new byte[0])).isEmpty();
    }

    @Test
    void closeReasonCodesAreStable() {
        assertThat(CloseReason.NORMAL.code()).isZero();
        assertThat(CloseReason.PROTOCOL_ERROR.code()).isEqualTo(1);
        assertThat(CloseReason.SHUTDOWN.code()).isEqualTo(2);
        assertThat(CloseReason.fromCode(3)).isEmpty();
    }

    @Test
    void truncatedFramesAreTyped() {
        assertError("01000000", new DecodeError.Truncated(1, 27, 3));
        String dataHeader = "01" + "0000000000000001" + "00112233445566778899aabbccddeeff" + "01" + "0005";
        assertError(dataHeader + "6869", new DecodeError.Truncated(1, 5, 2));
        assertError("02" + "0000000000000005" + "00000000" + "01" + "00", new DecodeError.Truncated(2, 16, 1));
        assertError("0301", new DecodeError.Truncated(3, 8, 1));
        assertError("04", new DecodeError.Truncated(4, 8, 0));
        assertError("05", new DecodeError.Truncated(5, 1, 0));
    }

    @Test
    void badFieldsAreTyped() {
        String id = "00112233445566778899aabbccddeeff";
        assertError("ff", new DecodeError.UnknownFrameKind(0xff));
        assertError("0302030405060708" + "09" + "06", new DecodeError.UnknownFrameKind(6));
        assertError("01" + "0000000000000000" + id + "01" + "0000", new DecodeError.InvalidSequence(0));
        assertError("01" + "8000000000000000" + id + "01" + "0000", new DecodeError.InvalidSequence(Long.MIN_VALUE));
        assertError("01" + "0000000000000001" + id + "03" + "0000", new DecodeError.ReservedFlags(3));
        assertError("01" + "0000000000000001" + id + "01" + "ffff", new DecodeError.PayloadTooLong(0xffff, 1372));
        assertError("0507", new DecodeError.UnknownCloseReason(7));
        assertError("02" + "ffffffffffffffff" + "00000000" + "00", new DecodeError.InvalidSequence(-1));
        assertError("02" + "0000000000000000" + "00000000" + "11", new DecodeError.TooManySackRanges(17, 16));
    }

    @Test
    void sackRangesMustBeDisjointDescendingAndAboveTheCumulativeAck() {
        String head = "02" + "0000000000000005" + "00000000";
        // Touches cumulative + 1: that sequence number would be in order, not a SACK.
        assertError(head + "01" + range(6, 8), new DecodeError.InvalidSackRange(0, 6, 8));
        assertError(head + "01" + range(9, 8), new DecodeError.InvalidSackRange(0, 9, 8));
        assertError(head + "01" + range(0, 0), new DecodeError.InvalidSackRange(0, 0, 0));
        assertError(head + "02" + range(7, 8) + range(10, 11), new DecodeError.InvalidSackRange(0, 7, 8));
        assertError(head + "02" + range(10, 11) + range(7, 9), new DecodeError.InvalidSackRange(0, 10, 11));
        assertError(head + "02" + range(10, 11) + range(7, 8), null);
    }

    @Test
    void oversizePacketIsRejectedBeforeParsing() {
        assertThatThrownBy(() -> StreamFrameCodec.decode(new byte[1401]))
                .isInstanceOfSatisfying(FrameDecodeException.class,
                        e -> assertThat(e.error()).isEqualTo(new DecodeError.PacketTooLarge(1401, 1400)));
    }

    @Test
    void frameConstructorsRejectWhatTheDecoderRejects() {
        assertThatThrownBy(() -> new DataFrame(0, ID, true, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DataFrame(1, ID, true, new byte[1373])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AckFrame(5, 0, List.of(new SackRange(6, 6)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AckFrame(5, 1L << 32, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void payloadIsNotPrintedAndIsCopied() {
        byte[] payload = "secret".getBytes(StandardCharsets.UTF_8);
        DataFrame frame = new DataFrame(1, ID, true, payload);
        payload[0] = 'X';

        assertThat(frame.toString()).doesNotContain("secret").contains("6 bytes");
        assertThat(frame.payload()).asString(StandardCharsets.UTF_8).isEqualTo("secret");
    }

    private static String range(long first, long last) {
        return String.format("%016x%016x", first, last);
    }

    private static void assertError(String hex, DecodeError expected) {
        byte[] packet = HEX.parseHex(hex);
        if (expected == null) {
            assertThat(catchError(packet)).isNull();
            return;
        }
        assertThat(catchError(packet)).isEqualTo(expected);
    }

    private static DecodeError catchError(byte[] packet) {
        try {
            StreamFrameCodec.decode(packet);
            return null;
        } catch (FrameDecodeException e) {
            return e.error();
        }
    }
}
