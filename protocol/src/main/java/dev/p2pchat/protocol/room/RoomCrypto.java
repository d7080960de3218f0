package dev.p2pchat.protocol.room;

import dev.p2pchat.protocol.identity.Ed25519;
import dev.p2pchat.protocol.identity.SigningKeyPair;
import dev.p2pchat.protocol.identity.SigningPublicKey;
import dev.p2pchat.protocol.identity.Username;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KDF;
import javax.crypto.spec.HKDFParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sealing and opening envelopes. Message n of a sender is encrypted with ChaCha20-Poly1305 (RFC 8439)
 * under HKDF-SHA256 (RFC 5869; ikm = the sender key, salt = the room id, info = label ‖ epoch ‖ n),
 * with a zero nonce: every derived key seals exactly one message. The AD is the envelope header, and
 * the author signs label ‖ header ‖ ciphertext, so a member passing it on cannot change a bit.
 */
public final class RoomCrypto {
    private static final byte[] ZERO_NONCE = new byte[12];

    private RoomCrypto() {}

    /** Seals {@code plaintext} as message {@code seq} of {@code sender}. */
    public static Envelope seal(RoomId room, long epoch, Username sender, long seq, long lamport,
            SenderKey key, SigningKeyPair signer, byte[] plaintext) {
        byte[] header = Envelope.header(room, epoch, sender, seq, lamport);
        byte[] ciphertext;
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, messageKey(key, room, epoch, seq));
            cipher.updateAAD(header);
            ciphertext = cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 is in every JDK since 11", e);
        }
        byte[] signature = signer.sign(signedBytes(header, ciphertext));
        return new Envelope(room, epoch, sender, seq, lamport, ciphertext, signature);
    }

    /** True if the author's identity key signed this envelope as it is. */
    public static boolean verify(Envelope envelope, SigningPublicKey author) {
        return Ed25519.verify(author, signedBytes(envelope.header(), envelope.ciphertext()), envelope.signature());
    }

    /** The plaintext, or empty if {@code key} is not the key it was sealed with (or it was altered). */
    public static Optional<byte[]> open(Envelope envelope, SenderKey key) {
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE,
                    messageKey(key, envelope.room(), envelope.epoch(), envelope.seq()));
            cipher.updateAAD(envelope.header());
            return Optional.of(cipher.doFinal(envelope.ciphertext()));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 is in every JDK since 11", e);
        }
    }

    static byte[] messageKey(SenderKey key, RoomId room, long epoch, long seq) throws GeneralSecurityException {
        byte[] label = RoomWire.MESSAGE_KEY_LABEL.getBytes(StandardCharsets.US_ASCII);
        byte[] info = new WireWriter().bytes(label).u64(epoch).u64(seq).toByteArray();
        KDF hkdf = KDF.getInstance("HKDF-SHA256");
        return hkdf.deriveData(HKDFParameterSpec.ofExtract()
                .addIKM(key.toBytes())
                .addSalt(room.toBytes())
                .thenExpand(info, 32));
    }

    private static Cipher cipher(int mode, byte[] key) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
        cipher.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(ZERO_NONCE));
        return cipher;
    }

    private static byte[] signedBytes(byte[] header, byte[] ciphertext) {
        byte[] label = RoomWire.ENVELOPE_LABEL.getBytes(StandardCharsets.US_ASCII);
        return new WireWriter().bytes(label).bytes(header).bytes(ciphertext).toByteArray();
    }
}
