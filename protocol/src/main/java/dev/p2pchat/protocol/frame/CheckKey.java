package dev.p2pchat.protocol.frame;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.random.RandomGenerator;

/**
 * A connection's check password (ICE's "pwd"): 16 random bytes, the HMAC-SHA256 key of every check
 * frame sent <em>to</em> the connection that owns it. Exchanged through signalling; never printed.
 */
public final class CheckKey {
    public static final int LENGTH = 16;
    private final byte[] bytes;

    private CheckKey(byte[] bytes) {
        this.bytes = bytes;
    }

    public static CheckKey of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("check key must be " + LENGTH + " bytes, got " + bytes.length);
        }
        return new CheckKey(bytes.clone());
    }

    public static CheckKey random(RandomGenerator random) {
        byte[] b = new byte[LENGTH];
        random.nextBytes(b);
        return new CheckKey(b);
    }

    /** Parses the text form (base64url without padding). */
    public static CheckKey parse(String text) {
        byte[] b;
        try {
            b = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("check key is not base64url");
        }
        return of(b);
    }

    /** The text form for signalling (base64url without padding). Deliberately not {@link #toString()}. */
    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    byte[] keyBytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CheckKey k && MessageDigest.isEqual(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return bytes[0] << 8 | bytes[1];
    }

    @Override
    public String toString() {
        return "CheckKey[redacted]";
    }
}
