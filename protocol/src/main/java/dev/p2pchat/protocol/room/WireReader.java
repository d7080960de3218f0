package dev.p2pchat.protocol.room;

import dev.p2pchat.protocol.identity.IdentityFormatException;
import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.protocol.room.RoomWireException.Problem;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reads the room wire's big-endian fields, each read checking the bytes left. */
final class WireReader {
    private final ByteBuffer buffer;

    WireReader(byte[] bytes) {
        this.buffer = ByteBuffer.wrap(bytes);
    }

    byte u8() throws RoomWireException {
        need(1, "u8");
        return buffer.get();
    }

    int u16() throws RoomWireException {
        need(2, "u16");
        return Short.toUnsignedInt(buffer.getShort());
    }

    long u64() throws RoomWireException {
        need(8, "u64");
        return buffer.getLong();
    }

    /** A non-negative u64, as every counter here is. */
    long counter(String field) throws RoomWireException {
        long value = u64();
        if (value < 0) {
            throw new RoomWireException(Problem.OUT_OF_RANGE, field + " " + Long.toUnsignedString(value));
        }
        return value;
    }

    byte[] bytes(int length, String field) throws RoomWireException {
        need(length, field);
        byte[] out = new byte[length];
        buffer.get(out);
        return out;
    }

    /** A u16 count no larger than {@code max}. */
    int count(int max, String field) throws RoomWireException {
        int count = u16();
        if (count > max) {
            throw new RoomWireException(Problem.OUT_OF_RANGE, field + " " + count + " > " + max);
        }
        return count;
    }

    String string(int maxBytes, String field) throws RoomWireException {
        int length = Byte.toUnsignedInt(u8());
        if (length > maxBytes) {
            throw new RoomWireException(Problem.OUT_OF_RANGE, field + " length " + length);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes(length, field)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new RoomWireException(Problem.MALFORMED, field + " is not UTF-8");
        }
    }

    Username username(String field) throws RoomWireException {
        String text = string(Username.MAX_LENGTH, field);
        try {
            return Username.of(text);
        } catch (IdentityFormatException e) {
            throw new RoomWireException(Problem.MALFORMED, field + " is not a username");
        }
    }

    RoomId roomId() throws RoomWireException {
        return RoomId.of(bytes(RoomWire.ROOM_ID_LENGTH, "room id"));
    }

    void end() throws RoomWireException {
        if (buffer.hasRemaining()) {
            throw new RoomWireException(Problem.TRAILING_BYTES, buffer.remaining() + " bytes");
        }
    }

    private void need(int length, String field) throws RoomWireException {
        if (buffer.remaining() < length) {
            throw new RoomWireException(Problem.TRUNCATED, field + " needs " + length + ", has " + buffer.remaining());
        }
    }
}
