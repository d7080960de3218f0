package dev.p2pchat.protocol.frame;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/** 12 random bytes that match a PONG to its PING (the same size as a STUN transaction id). */
public final class TransactionId {
    public static final int LENGTH = 12;
    private final byte[] bytes;

    private TransactionId(byte[] bytes) {
        this.bytes = bytes;
    }

    public static TransactionId of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("transaction id must be " + LENGTH + " bytes, got " + bytes.length);
        }
        return new TransactionId(bytes.clone());
    }

    public static TransactionId random(RandomGenerator random) {
        byte[] b = new byte[LENGTH];
        random.nextBytes(b);
        return new TransactionId(b);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    byte at(int i) {
        return bytes[i];
    }

    void copyTo(byte[] out, int offset) {
        System.arraycopy(bytes, 0, out, offset, LENGTH);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransactionId t && Arrays.equals(bytes, t.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
