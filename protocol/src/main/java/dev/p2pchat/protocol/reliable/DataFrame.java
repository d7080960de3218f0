package dev.p2pchat.protocol.reliable;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A fragment of a message: sequence number, message id, whether it ends the message, payload bytes.
 * A message that fits one packet is one frame with {@code end} set.
 */
public record DataFrame(long sequence, MessageId messageId, boolean end, byte[] payload) implements StreamFrame {
    public DataFrame {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be >= 1: " + sequence);
        }
        if (messageId == null) {
            throw new IllegalArgumentException("messageId is null");
        }
        if (payload.length > StreamWire.MAX_DATA_PAYLOAD) {
            throw new IllegalArgumentException("payload " + payload.length + " > " + StreamWire.MAX_DATA_PAYLOAD);
        }
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    int payloadLength() {
        return payload.length;
    }

    /** The payload without a copy, for the codec and the receiver; callers must not modify it. */
    byte[] payloadUnsafe() {
        return payload;
    }

    @Override
    public int encodedLength() {
        return StreamWire.DATA_HEADER_BYTES + payload.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataFrame d && d.sequence == sequence && d.messageId.equals(messageId)
                && d.end == end && Arrays.equals(d.payload, payload);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequence) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        // Payloads are chat text: keep them out of logs; the length is enough to debug framing.
        return "DataFrame[seq=" + sequence + ", id=" + messageId + ", end=" + end + ", " + payload.length + " bytes]";
    }

    /** For tests and debugging only. */
    String payloadHex() {
        return HexFormat.of().formatHex(payload);
    }
}
