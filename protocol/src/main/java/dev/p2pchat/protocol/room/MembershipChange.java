package dev.p2pchat.protocol.room;

import dev.p2pchat.protocol.identity.Ed25519;
import dev.p2pchat.protocol.identity.SigningKeyPair;
import dev.p2pchat.protocol.identity.SigningPublicKey;
import dev.p2pchat.protocol.identity.Username;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * One signed link of a room's membership chain: {@code previous} is the digest of the change before
 * (32 zero bytes for the genesis), {@code version} counts changes from 1. The actor signs
 * {@code "p2pchat room change v1" ‖ body} with its Ed25519 identity key; the body is what
 * {@link MembershipChangeCodec} writes before the signature.
 */
public record MembershipChange(byte[] previous, long version, Username actor, MembershipOp op, byte[] signature) {
    public MembershipChange {
        if (previous.length != RoomWire.DIGEST_LENGTH || signature.length != RoomWire.SIGNATURE_LENGTH || version < 1) {
            throw new IllegalArgumentException("malformed membership change");
        }
        previous = previous.clone();
        signature = signature.clone();
    }

    /** A change signed by {@code actor}'s key pair. */
    public static MembershipChange sign(
            byte[] previous, long version, Username actor, MembershipOp op, SigningKeyPair key) {
        byte[] body = MembershipChangeCodec.body(previous, version, actor, op);
        return new MembershipChange(previous, version, actor, op, key.sign(signedBytes(body)));
    }

    /** True if the signature verifies with {@code key}. */
    public boolean verifiedBy(SigningPublicKey key) {
        byte[] body = MembershipChangeCodec.body(previous, version, actor, op);
        return Ed25519.verify(key, signedBytes(body), signature);
    }

    /** SHA-256 of the encoded change, signature included: the next change's {@code previous}. */
    public byte[] digest() {
        return sha256(MembershipChangeCodec.encode(this));
    }

    @Override
    public byte[] previous() {
        return previous.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MembershipChange that && Arrays.equals(digest(), that.digest());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "MembershipChange[v" + version + " " + actor + " " + op.getClass().getSimpleName() + "]";
    }

    private static byte[] signedBytes(byte[] body) {
        byte[] label = RoomWire.CHANGE_LABEL.getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(label, label.length + body.length);
        System.arraycopy(body, 0, out, label.length, body.length);
        return out;
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }
}
