package dev.p2pchat.protocol.room;

import dev.p2pchat.protocol.identity.Username;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes the room wire's big-endian fields. Lengths are checked by the records, not here. */
final class WireWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    WireWriter u8(int value) {
        out.write(value);
        return this;
    }

    WireWriter u16(int value) {
        out.write(value >>> 8);
        out.write(value);
        return this;
    }

    WireWriter u64(long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
        return this;
    }

    WireWriter bytes(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    WireWriter string(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > 255) {
            throw new IllegalArgumentException("string longer than 255 bytes");
        }
        return u8(utf8.length).bytes(utf8);
    }

    WireWriter username(Username user) {
        return string(user.value());
    }

    WireWriter roomId(RoomId id) {
        return bytes(id.toBytes());
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
