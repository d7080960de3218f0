package dev.p2pchat.protocol.frame;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * A connection's user fragment (ICE's "ufrag"): 8 random bytes that name one connection attempt on a
 * shared socket. Public: it travels in clear in every check frame. Its text form is lower-case hex.
 */
public final class Ufrag {
    public static final int LENGTH = 8;
    private final byte[] bytes;

    private Ufrag(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Ufrag of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("ufrag must be " + LENGTH + " bytes, got " + bytes.length);
        }
        return new Ufrag(bytes.clone());
    }

    public static Ufrag random(RandomGenerator random) {
        byte[] b = new byte[LENGTH];
        random.nextBytes(b);
        return new Ufrag(b);
    }

    /** Parses the hex text form; throws IllegalArgumentException if it is not 16 hex digits. */
    public static Ufrag parse(String text) {
        if (text == null || text.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("ufrag must be " + 2 * LENGTH + " hex digits");
        }
        return new Ufrag(HexFormat.of().parseHex(text));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    void copyTo(byte[] out, int offset) {
        System.arraycopy(bytes, 0, out, offset, LENGTH);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ufrag u && Arrays.equals(bytes, u.bytes);
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
