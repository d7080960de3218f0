package dev.p2pchat.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p2pchat.protocol.frame.CheckFrame.Ping;
import dev.p2pchat.protocol.frame.CheckFrame.Pong;
import dev.p2pchat.protocol.frame.CheckFrame.Prime;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class CheckFrameCodecTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final TransactionId TX = TransactionId.of(HEX.parseHex("000102030405060708090a0b"));
    private static final Ufrag ALICE = Ufrag.parse("a1a2a3a4a5a6a7a8");
    private static final Ufrag BOB = Ufrag.parse("b1b2b3b4b5b6b7b8");
    private static final CheckKey BOB_KEY = CheckKey.of(HEX.parseHex("00112233445566778899aabbccddeeff"));
    private static final CheckFrameCodec.KeyLookup BOB_KEYS = u -> u.equals(BOB) ? BOB_KEY : null;

    @Test
    void pingHasTheDocumentedLayout() throws Exception {
        byte[] raw = CheckFrameCodec.encode(new Ping(true, 0x6E7F_FFFFL, TX, BOB, ALICE), BOB_KEY);

        assertThat(HEX.formatHex(raw, 0, 34)).isEqualTo(
                "d0" + "01" + "6e7fffff" + "000102030405060708090a0b" + "b1b2b3b4b5b6b7b8" + "a1a2a3a4a5a6a7a8");
        // Fixed vector, checked with `openssl dgst -sha256 -mac HMAC` over the first 34 bytes.
        assertThat(HEX.formatHex(raw, 34, raw.length))
                .isEqualTo("7f45ec8a5d57dfe6b2e39281359fdeb9cdfa0f6361d34898e11c303808636780");
        assertThat(CheckFrameCodec.decode(raw, BOB_KEYS)).isEqualTo(new Ping(true, 0x6E7F_FFFFL, TX, BOB, ALICE));
    }

    @Test
    void pongCarriesTheObservedAddressXored() throws Exception {
        InetSocketAddress observed = new InetSocketAddress(InetAddress.getByAddress(new byte[] {(byte) 198, 18, 0, 7}), 40000);
        byte[] raw = CheckFrameCodec.encode(new Pong(TX, BOB, ALICE, observed), BOB_KEY);

        assertThat(raw).hasSize(CheckFrameCodec.PONG_V4_LENGTH);
        // 40000 = 0x9C40, XOR 0x0001; 198.18.0.7 = c6 12 00 07, XOR 02 03 04 05.
        assertThat(HEX.formatHex(raw, 30, 36)).isEqualTo("9c41" + "c4110402");
        assertThat(CheckFrameCodec.decode(raw, BOB_KEYS)).isEqualTo(new Pong(TX, BOB, ALICE, observed));
    }

    @Test
    void pongRoundTripsIpv6() throws Exception {
        InetSocketAddress observed = new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 3478);
        byte[] raw = CheckFrameCodec.encode(new Pong(TX, BOB, ALICE, observed), BOB_KEY);
        assertThat(raw).hasSize(CheckFrameCodec.PONG_V6_LENGTH);
        assertThat(CheckFrameCodec.decode(raw, BOB_KEYS)).isEqualTo(new Pong(TX, BOB, ALICE, observed));
    }

    @Test
    void primeIsFourBytesAndNeedsNoKey() throws Exception {
        assertThat(HEX.formatHex(CheckFrameCodec.encodePrime())).isEqualTo("d6000000");
        assertThat(CheckFrameCodec.decode(CheckFrameCodec.encodePrime(), u -> null)).isEqualTo(new Prime());
    }

    @Test
    void aFlippedBitFailsTheTag() {
        byte[] raw = CheckFrameCodec.encode(new Ping(false, 1, TX, BOB, ALICE), BOB_KEY);
        raw[5] ^= 1;
        assertThatThrownBy(() -> CheckFrameCodec.decode(raw, BOB_KEYS)).isInstanceOf(FrameException.BadTag.class);
    }

    @Test
    void aFrameForAnotherKeyFailsTheTag() {
        CheckKey other = CheckKey.of(new byte[16]);
        byte[] raw = CheckFrameCodec.encode(new Ping(false, 1, TX, BOB, ALICE), other);
        assertThatThrownBy(() -> CheckFrameCodec.decode(raw, BOB_KEYS)).isInstanceOf(FrameException.BadTag.class);
    }

    @Test
    void anUnknownReceiverIsNamed() {
        byte[] raw = CheckFrameCodec.encode(new Ping(false, 1, TX, ALICE, BOB), BOB_KEY);
        assertThatThrownBy(() -> CheckFrameCodec.decode(raw, BOB_KEYS))
                .isInstanceOfSatisfying(FrameException.UnknownReceiver.class, e -> assertThat(e.receiver()).isEqualTo(ALICE));
    }

    @Test
    void wrongLengthsAndFlagsAreMalformed() {
        byte[] ping = CheckFrameCodec.encode(new Ping(false, 1, TX, BOB, ALICE), BOB_KEY);
        assertThatThrownBy(() -> CheckFrameCodec.decode(java.util.Arrays.copyOf(ping, 65), BOB_KEYS))
                .isInstanceOf(FrameException.Malformed.class);
        ping[1] = 2;
        assertThatThrownBy(() -> CheckFrameCodec.decode(ping, BOB_KEYS)).isInstanceOf(FrameException.Malformed.class);
        assertThatThrownBy(() -> CheckFrameCodec.decode(new byte[] {(byte) 0xD1, 5}, BOB_KEYS))
                .isInstanceOf(FrameException.Malformed.class);
        assertThatThrownBy(() -> CheckFrameCodec.decode(new byte[0], BOB_KEYS)).isInstanceOf(FrameException.Malformed.class);
        assertThatThrownBy(() -> CheckFrameCodec.decode(new byte[] {(byte) 0xD4}, BOB_KEYS))
                .isInstanceOf(FrameException.Malformed.class);
    }

    @Test
    void secretsDoNotPrint() {
        assertThat(BOB_KEY.toString()).doesNotContain("0011").contains("redacted");
        assertThat(CheckKey.parse(BOB_KEY.encode())).isEqualTo(BOB_KEY);
    }

    @Property
    void arbitraryBytesNeverEscapeAsAnythingButFrameException(@ForAll byte[] raw) {
        try {
            CheckFrameCodec.decode(raw, u -> BOB_KEY);
        } catch (FrameException expected) {
            // dropped and counted by the caller
        }
    }

    @Property
    void arbitraryBytesBehindAPingHeaderNeverEscape(@ForAll byte[] tail) {
        byte[] raw = new byte[tail.length + 1];
        raw[0] = (byte) (0xD0 + (tail.length % 2));
        System.arraycopy(tail, 0, raw, 1, tail.length);
        try {
            CheckFrameCodec.decode(raw, u -> BOB_KEY);
        } catch (FrameException expected) {
            // dropped and counted by the caller
        }
    }
}
