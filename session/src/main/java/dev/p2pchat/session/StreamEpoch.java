package dev.p2pchat.session;

import java.nio.ByteBuffer;
import java.util.OptionalLong;

/**
 * The handshake payload of a {@link ChatSession}: its random 64-bit stream epoch, big-endian. A
 * handshake naming the epoch already known is a rekey and the streams go on; a new one means the peer
 * started over, and so must the streams.
 */
final class StreamEpoch {
    static final int BYTES = Long.BYTES;

    private StreamEpoch() {}

    static byte[] encode(long epoch) {
        return ByteBuffer.allocate(BYTES).putLong(epoch).array();
    }

    /** The epoch, or empty if the payload is not exactly one. */
    static OptionalLong decode(byte[] payload) {
        return payload.length == BYTES ? OptionalLong.of(ByteBuffer.wrap(payload).getLong()) : OptionalLong.empty();
    }
}
