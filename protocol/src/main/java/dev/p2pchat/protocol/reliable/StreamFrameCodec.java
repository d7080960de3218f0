package dev.p2pchat.protocol.reliable;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes stream packets: the plaintext of one transport packet, a sequence of frames.
 * Pure: bytes in, records out. A packet is accepted whole or rejected whole with a typed error,
 * since a bad frame from an authenticated peer means a broken or hostile peer, not line noise.
 */
public final class StreamFrameCodec {
    private StreamFrameCodec() {}

    public static byte[] encode(List<? extends StreamFrame> frames) {
        int length = 0;
        for (StreamFrame frame : frames) {
            length += frame.encodedLength();
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        for (StreamFrame frame : frames) {
            write(frame, out);
        }
        return out.array();
    }

    public static byte[] encode(StreamFrame frame) {
        return encode(List.of(frame));
    }

    /** Decodes a whole packet; an empty packet is a valid packet with no frames. */
    public static List<StreamFrame> decode(byte[] packet) throws FrameDecodeException {
        if (packet.length > StreamWire.MAX_PACKET_BYTES) {
            throw new FrameDecodeException(new DecodeError.PacketTooLarge(packet.length, StreamWire.MAX_PACKET_BYTES));
        }
        ByteBuffer in = ByteBuffer.wrap(packet);
        List<StreamFrame> frames = new ArrayList<>();
        while (in.hasRemaining()) {
            frames.add(read(in));
        }
        return frames;
    }

    private static void write(StreamFrame frame, ByteBuffer out) {
        switch (frame) {
            case DataFrame d -> {
                out.put((byte) StreamWire.KIND_DATA).putLong(d.sequence())
                        .putLong(d.messageId().mostSignificantBits()).putLong(d.messageId().leastSignificantBits())
                        .put((byte) (d.end() ? StreamWire.FLAG_END : 0))
                        .putShort((short) d.payloadLength()).put(d.payloadUnsafe());
            }
            case AckFrame a -> {
                out.put((byte) StreamWire.KIND_ACK).putLong(a.cumulative())
                        .putInt((int) a.ackDelayMicros()).put((byte) a.ranges().size());
                for (SackRange range : a.ranges()) {
                    out.putLong(range.first()).putLong(range.last());
                }
            }
            case PingFrame p -> out.put((byte) StreamWire.KIND_PING).putLong(p.token());
            case PongFrame p -> out.put((byte) StreamWire.KIND_PONG).putLong(p.token());
            case CloseFrame c -> out.put((byte) StreamWire.KIND_CLOSE).put((byte) c.reason().code());
            case PaddingFrame p -> out.put(new byte[p.length()]);
        }
    }

    private static StreamFrame read(ByteBuffer in) throws FrameDecodeException {
        int kind = Byte.toUnsignedInt(in.get());
        return switch (kind) {
            case StreamWire.KIND_PADDING -> readPadding(in);
            case StreamWire.KIND_DATA -> readData(in);
            case StreamWire.KIND_ACK -> readAck(in);
            case StreamWire.KIND_PING -> new PingFrame(need(in, kind, 8).getLong());
            case StreamWire.KIND_PONG -> new PongFrame(need(in, kind, 8).getLong());
            case StreamWire.KIND_CLOSE -> readClose(in);
            default -> throw new FrameDecodeException(new DecodeError.UnknownFrameKind(kind));
        };
    }

    private static PaddingFrame readPadding(ByteBuffer in) {
        int length = 1;
        while (in.hasRemaining() && in.get(in.position()) == 0) {
            in.get();
            length++;
        }
        return new PaddingFrame(length);
    }

    private static DataFrame readData(ByteBuffer in) throws FrameDecodeException {
        need(in, StreamWire.KIND_DATA, StreamWire.DATA_HEADER_BYTES - 1);
        long seq = in.getLong();
        MessageId id = new MessageId(in.getLong(), in.getLong());
        int flags = Byte.toUnsignedInt(in.get());
        int length = Short.toUnsignedInt(in.getShort());
        if (seq < 1) {
            throw new FrameDecodeException(new DecodeError.InvalidSequence(seq));
        }
        if ((flags & ~StreamWire.FLAG_END) != 0) {
            throw new FrameDecodeException(new DecodeError.ReservedFlags(flags));
        }
        if (length > StreamWire.MAX_DATA_PAYLOAD) {
            throw new FrameDecodeException(new DecodeError.PayloadTooLong(length, StreamWire.MAX_DATA_PAYLOAD));
        }
        byte[] payload = new byte[length];
        need(in, StreamWire.KIND_DATA, length).get(payload);
        return new DataFrame(seq, id, (flags & StreamWire.FLAG_END) != 0, payload);
    }

    private static AckFrame readAck(ByteBuffer in) throws FrameDecodeException {
        need(in, StreamWire.KIND_ACK, StreamWire.ACK_FIXED_BYTES - 1);
        long cumulative = in.getLong();
        long delay = Integer.toUnsignedLong(in.getInt());
        int count = Byte.toUnsignedInt(in.get());
        if (count > StreamWire.MAX_SACK_RANGES) {
            throw new FrameDecodeException(new DecodeError.TooManySackRanges(count, StreamWire.MAX_SACK_RANGES));
        }
        need(in, StreamWire.KIND_ACK, count * StreamWire.SACK_RANGE_BYTES);
        List<SackRange> ranges = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long first = in.getLong();
            long last = in.getLong();
            if (first < 1 || last < first) {
                throw new FrameDecodeException(new DecodeError.InvalidSackRange(i, first, last));
            }
            ranges.add(new SackRange(first, last));
        }
        var problem = AckFrame.check(cumulative, ranges);
        if (problem.isPresent()) {
            throw new FrameDecodeException(problem.get());
        }
        return new AckFrame(cumulative, delay, ranges);
    }

    private static CloseFrame readClose(ByteBuffer in) throws FrameDecodeException {
        int code = Byte.toUnsignedInt(need(in, StreamWire.KIND_CLOSE, 1).get());
        return new CloseFrame(CloseReason.fromCode(code)
                .orElseThrow(() -> new FrameDecodeException(new DecodeError.UnknownCloseReason(code))));
    }

    private static ByteBuffer need(ByteBuffer in, int kind, int bytes) throws FrameDecodeException {
        if (in.remaining() < bytes) {
            throw new FrameDecodeException(new DecodeError.Truncated(kind, bytes, in.remaining()));
        }
        return in;
    }
}
