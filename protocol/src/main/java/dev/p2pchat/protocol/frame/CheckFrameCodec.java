package dev.p2pchat.protocol.frame;

import dev.p2pchat.protocol.frame.CheckFrame.Ping;
import dev.p2pchat.protocol.frame.CheckFrame.Pong;
import dev.p2pchat.protocol.frame.CheckFrame.Prime;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encodes and decodes {@link CheckFrame}s. Pure: bytes in, records out. All integers are big-endian;
 * lengths are exact.
 *
 * <pre>
 * PING (66 bytes)                         PONG (68 bytes for IPv4, 80 for IPv6)
 *  0  type 0xD0                            0  type 0xD1
 *  1  flags: bit 0 nominate, rest 0        1  family: 4 or 6
 *  2  priority (uint32)                    2  transaction id (12)
 *  6  transaction id (12)                 14  receiver ufrag (8)
 * 18  receiver ufrag (8)                  22  sender ufrag (8)
 * 26  sender ufrag (8)                    30  observed port XOR txid[0..2)
 * 34  tag (32)                            32  observed address (4 or 16), byte i XOR txid[(2+i) mod 12]
 *                                         36|48  tag (32)
 * PRIME (4 bytes): 0xD6 0 0 0
 * </pre>
 *
 * The tag is HMAC-SHA256, keyed with the receiver's {@link CheckKey}, over every byte before it. The
 * observed address is XORed, like STUN's XOR-MAPPED-ADDRESS, so that NAT "helpers" that rewrite
 * addresses found in payloads leave it alone.
 */
public final class CheckFrameCodec {
    public static final int TAG_LENGTH = 32;
    public static final int PING_LENGTH = 34 + TAG_LENGTH;
    public static final int PONG_V4_LENGTH = 36 + TAG_LENGTH;
    public static final int PONG_V6_LENGTH = 48 + TAG_LENGTH;
    public static final int PRIME_LENGTH = 4;
    private static final int NOMINATE = 0x01;

    /** Finds the key of a local connection by its ufrag; returns null if there is none. */
    @FunctionalInterface
    public interface KeyLookup {
        CheckKey keyFor(Ufrag receiver);
    }

    private CheckFrameCodec() {}

    /** Encodes a frame, tagging it with {@code receiverKey} (ignored for PRIME). */
    public static byte[] encode(CheckFrame frame, CheckKey receiverKey) {
        return switch (frame) {
            case Ping p -> encodePing(p, receiverKey);
            case Pong p -> encodePong(p, receiverKey);
            case Prime p -> encodePrime();
        };
    }

    public static byte[] encodePrime() {
        return new byte[] {(byte) FrameType.PRIME, 0, 0, 0};
    }

    /**
     * Decodes and authenticates a check frame.
     *
     * @throws FrameException.Malformed       wrong type, length or field
     * @throws FrameException.UnknownReceiver the receiver ufrag is not known to {@code keys}
     * @throws FrameException.BadTag          the tag does not verify
     */
    public static CheckFrame decode(byte[] raw, KeyLookup keys) throws FrameException {
        if (raw.length == 0) {
            throw new FrameException.Malformed("empty", 0);
        }
        return switch (raw[0] & 0xFF) {
            case FrameType.PING -> decodePing(raw, keys);
            case FrameType.PONG -> decodePong(raw, keys);
            case FrameType.PRIME -> new Prime();
            default -> throw new FrameException.Malformed(
                    String.format("type 0x%02X is not a check frame", raw[0] & 0xFF), raw.length);
        };
    }

    private static byte[] encodePing(Ping p, CheckKey key) {
        ByteBuffer b = ByteBuffer.allocate(PING_LENGTH);
        b.put((byte) FrameType.PING).put((byte) (p.nominate() ? NOMINATE : 0)).putInt((int) p.priority());
        b.put(p.transactionId().bytes()).put(p.receiver().bytes()).put(p.sender().bytes());
        return seal(b.array(), key);
    }

    private static Ping decodePing(byte[] raw, KeyLookup keys) throws FrameException {
        if (raw.length != PING_LENGTH) {
            throw new FrameException.Malformed("PING must be " + PING_LENGTH + " bytes", raw.length);
        }
        ByteBuffer b = ByteBuffer.wrap(raw, 1, PING_LENGTH - 1);
        int flags = b.get() & 0xFF;
        if ((flags & ~NOMINATE) != 0) {
            throw new FrameException.Malformed(String.format("PING flags 0x%02X", flags), raw.length);
        }
        long priority = b.getInt() & 0xFFFF_FFFFL;
        TransactionId tx = TransactionId.of(take(b, TransactionId.LENGTH));
        Ufrag receiver = Ufrag.of(take(b, Ufrag.LENGTH));
        Ufrag sender = Ufrag.of(take(b, Ufrag.LENGTH));
        authenticate(raw, receiver, keys);
        return new Ping((flags & NOMINATE) != 0, priority, tx, receiver, sender);
    }

    private static byte[] encodePong(Pong p, CheckKey key) {
        byte[] addr = p.observed().getAddress().getAddress();
        ByteBuffer b = ByteBuffer.allocate(addr.length == 4 ? PONG_V4_LENGTH : PONG_V6_LENGTH);
        b.put((byte) FrameType.PONG).put((byte) (addr.length == 4 ? 4 : 6));
        b.put(p.transactionId().bytes()).put(p.receiver().bytes()).put(p.sender().bytes());
        xorAddress(p.transactionId(), p.observed().getPort(), addr, b);
        return seal(b.array(), key);
    }

    private static Pong decodePong(byte[] raw, KeyLookup keys) throws FrameException {
        int family = raw.length > 1 ? raw[1] : -1;
        int expected = family == 4 ? PONG_V4_LENGTH : family == 6 ? PONG_V6_LENGTH : -1;
        if (expected < 0 || raw.length != expected) {
            throw new FrameException.Malformed("PONG family " + family + " with wrong length", raw.length);
        }
        ByteBuffer b = ByteBuffer.wrap(raw, 2, raw.length - 2);
        TransactionId tx = TransactionId.of(take(b, TransactionId.LENGTH));
        Ufrag receiver = Ufrag.of(take(b, Ufrag.LENGTH));
        Ufrag sender = Ufrag.of(take(b, Ufrag.LENGTH));
        authenticate(raw, receiver, keys);
        int port = (b.getShort() ^ (tx.at(0) << 8 | tx.at(1) & 0xFF)) & 0xFFFF;
        byte[] addr = take(b, family == 4 ? 4 : 16);
        for (int i = 0; i < addr.length; i++) {
            addr[i] ^= tx.at((2 + i) % TransactionId.LENGTH);
        }
        return new Pong(tx, receiver, sender, new InetSocketAddress(address(addr), port));
    }

    private static void xorAddress(TransactionId tx, int port, byte[] addr, ByteBuffer out) {
        out.putShort((short) (port ^ (tx.at(0) << 8 | tx.at(1) & 0xFF)));
        for (int i = 0; i < addr.length; i++) {
            out.put((byte) (addr[i] ^ tx.at((2 + i) % TransactionId.LENGTH)));
        }
    }

    private static void authenticate(byte[] raw, Ufrag receiver, KeyLookup keys) throws FrameException {
        CheckKey key = keys.keyFor(receiver);
        if (key == null) {
            throw new FrameException.UnknownReceiver(receiver);
        }
        int body = raw.length - TAG_LENGTH;
        byte[] expected = hmac(key, raw, body);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(raw, body, raw.length))) {
            throw new FrameException.BadTag(raw[0] & 0xFF);
        }
    }

    /** Fills the last {@link #TAG_LENGTH} bytes of {@code frame} with the tag over the bytes before. */
    private static byte[] seal(byte[] frame, CheckKey key) {
        int body = frame.length - TAG_LENGTH;
        System.arraycopy(hmac(key, frame, body), 0, frame, body, TAG_LENGTH);
        return frame;
    }

    private static byte[] hmac(CheckKey key, byte[] data, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.keyBytes(), "HmacSHA256"));
            mac.update(data, 0, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is a required JDK algorithm", e);
        }
    }

    private static byte[] take(ByteBuffer b, int n) {
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }

    private static InetAddress address(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw); // no lookup: raw is 4 or 16 bytes
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
