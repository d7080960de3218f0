package dev.p2pchat.protocol.room;

import static dev.p2pchat.protocol.room.TestUsers.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RoomCryptoTest {
    private final TestUsers users = new TestUsers();
    private final RoomId room = RoomId.of(new byte[16]);
    private final SplittableRandom random = new SplittableRandom(7);

    @Test
    void theSenderKeyOpensAndTheAuthorSignatureVerifies() {
        SenderKey key = SenderKey.generate(random);
        Envelope envelope = seal(key, 3, 1, "hello room");
        assertThat(RoomCrypto.verify(envelope, users.key("alice").publicKey())).isTrue();
        assertThat(RoomCrypto.verify(envelope, users.key("bob").publicKey())).isFalse();
        assertThat(RoomCrypto.open(envelope, key)).hasValueSatisfying(
                p -> assertThat(new String(p, StandardCharsets.UTF_8)).isEqualTo("hello room"));
        assertThat(new String(envelope.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("hello");
    }

    @Test
    void aRotatedKeyIsUselessToWhoeverHeldTheOldOne() {
        SenderKey before = SenderKey.generate(random);
        SenderKey after = SenderKey.generate(random);
        Envelope old = seal(before, 3, 1, "before the removal");
        Envelope later = seal(after, 4, 2, "after the removal");
        assertThat(RoomCrypto.open(old, before)).isPresent();
        assertThat(RoomCrypto.open(later, before)).isEmpty();
        // Relabelling the new envelope with the old epoch breaks both AEAD and signature.
        Envelope relabelled = new Envelope(room, 3, later.sender(), later.seq(), later.lamport(),
                later.ciphertext(), later.signature());
        assertThat(RoomCrypto.open(relabelled, before)).isEmpty();
        assertThat(RoomCrypto.verify(relabelled, users.key("alice").publicKey())).isFalse();
    }

    @Test
    void aMemberPassingAnEnvelopeOnCannotAlterIt() {
        SenderKey key = SenderKey.generate(random);
        Envelope envelope = seal(key, 1, 5, "pay bob 10");
        byte[] ciphertext = envelope.ciphertext();
        ciphertext[0] ^= 1;
        Envelope flipped = new Envelope(room, 1, user("alice"), 5, envelope.lamport(), ciphertext, envelope.signature());
        Envelope reordered = new Envelope(room, 1, user("alice"), 5, 999, envelope.ciphertext(), envelope.signature());
        assertThat(RoomCrypto.verify(flipped, users.key("alice").publicKey())).isFalse();
        assertThat(RoomCrypto.open(flipped, key)).isEmpty();
        assertThat(RoomCrypto.verify(reordered, users.key("alice").publicKey())).isFalse();
        assertThat(RoomCrypto.open(reordered, key)).isEmpty();
    }

    @Test
    void messageKeysAreRfc5869HkdfSha256OverTheDocumentedInfo() throws Exception {
        byte[] ikm = new byte[32];
        Arrays.fill(ikm, (byte) 0x0b);
        byte[] salt = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
        byte[] info = ByteBuffer.allocate(19 + 16).put("p2pchat room msg v1".getBytes(StandardCharsets.US_ASCII))
                .putLong(4).putLong(9).array();
        // RFC 5869 §2.2-2.3 by hand with HMAC-SHA256: PRK = HMAC(salt, IKM); T(1) = HMAC(PRK, info || 0x01).
        byte[] prk = hmac(salt, ikm);
        byte[] expected = hmac(prk, ByteBuffer.allocate(info.length + 1).put(info).put((byte) 1).array());
        byte[] key = RoomCrypto.messageKey(SenderKey.of(ikm), RoomId.of(salt), 4, 9);
        assertThat(key).isEqualTo(expected);
        assertThat(RoomCrypto.messageKey(SenderKey.of(ikm), RoomId.of(salt), 4, 10)).isNotEqualTo(expected);
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    @Test
    void senderKeysNeverPrintThemselves() {
        assertThat(SenderKey.of(new byte[32]).toString()).doesNotContain("00").contains("secret");
    }

    private Envelope seal(SenderKey key, long epoch, long seq, String text) {
        return RoomCrypto.seal(room, epoch, user("alice"), seq, seq, key, users.key("alice"),
                text.getBytes(StandardCharsets.UTF_8));
    }
}
