package dev.p2pchat.protocol.room;

import java.security.MessageDigest;
import java.util.random.RandomGenerator;

/**
 * One member's secret key for one membership epoch of a room. Whoever holds it can read that
 * member's messages of that epoch, so it travels only inside 1:1 encrypted sessions, and
 * {@link #toString()} never prints it.
 */
public final class SenderKey {
    private final byte[] bytes;

    private SenderKey(byte[] bytes) {
        this.bytes = bytes;
    }

    public static SenderKey of(byte[] bytes) {
        if (bytes == null || bytes.length != RoomWire.SENDER_KEY_LENGTH) {
            throw new IllegalArgumentException("a sender key is " + RoomWire.SENDER_KEY_LENGTH + " bytes");
        }
        return new SenderKey(bytes.clone());
    }

    /** A fresh key; pass a {@code SecureRandom} outside tests. */
    public static SenderKey generate(RandomGenerator random) {
        byte[] bytes = new byte[RoomWire.SENDER_KEY_LENGTH];
        random.nextBytes(bytes);
        return new SenderKey(bytes);
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SenderKey that && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return bytes[0] | bytes[1] << 8;
    }

    @Override
    public String toString() {
        return "SenderKey[secret]";
    }
}
