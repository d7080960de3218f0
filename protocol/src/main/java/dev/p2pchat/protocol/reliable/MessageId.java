package dev.p2pchat.protocol.reliable;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * The client's identifier of one chat message: 16 bytes, a UUID. Unlike a sequence number it
 * survives reconnections and process restarts, which is what makes delivery exactly-once across them.
 */
public record MessageId(long mostSignificantBits, long leastSignificantBits) {
    public static final int BYTES = 16;

    public static MessageId of(UUID uuid) {
        return new MessageId(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
    }

    /** Reads 16 bytes at {@code offset}. */
    public static MessageId fromBytes(byte[] bytes, int offset) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, BYTES);
        return new MessageId(buffer.getLong(), buffer.getLong());
    }

    public UUID toUuid() {
        return new UUID(mostSignificantBits, leastSignificantBits);
    }

    public byte[] toBytes() {
        return ByteBuffer.allocate(BYTES).putLong(mostSignificantBits).putLong(leastSignificantBits).array();
    }

    @Override
    public String toString() {
        return toUuid().toString();
    }
}
