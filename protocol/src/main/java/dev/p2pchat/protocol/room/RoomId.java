package dev.p2pchat.protocol.room;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/** A room's stable id: 16 bytes derived from its genesis change. Public, so printing it is fine. */
public final class RoomId {
    private final byte[] bytes;

    private RoomId(byte[] bytes) {
        this.bytes = bytes;
    }

    public static RoomId of(byte[] bytes) {
        if (bytes == null || bytes.length != RoomWire.ROOM_ID_LENGTH) {
            throw new IllegalArgumentException("a room id is " + RoomWire.ROOM_ID_LENGTH + " bytes");
        }
        return new RoomId(bytes.clone());
    }

    /** Parses the 32 hex digits of {@link #toHex()}. */
    public static RoomId fromHex(String hex) {
        return of(HexFormat.of().parseHex(hex));
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RoomId that && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
