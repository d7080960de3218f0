package dev.p2pchat.protocol.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ChannelDataCodecTest {

  private static final byte[] HELLO = "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  @Test
  void encodesTheRfcLayoutWithAndWithoutPadding() {
    ChannelData m = new ChannelData(0x4001, HELLO);
    assertThat(HexFormat.of().formatHex(ChannelDataCodec.encode(m, false))).isEqualTo("40010005" + "68656c6c6f");
    assertThat(HexFormat.of().formatHex(ChannelDataCodec.encode(m, true))).isEqualTo("40010005" + "68656c6c6f000000");
  }

  @Test
  void decodesPaddedAndUnpaddedDatagrams() throws Exception {
    ChannelData m = new ChannelData(0x4FFF, HELLO);
    for (boolean pad : new boolean[] {false, true}) {
      byte[] wire = ChannelDataCodec.encode(m, pad);
      assertThat(ChannelDataCodec.decode(wire, 0, wire.length)).isEqualTo(m);
      assertThat(ChannelDataCodec.looksLikeChannelData(wire, 0, wire.length)).isTrue();
    }
  }

  @Test
  void rejectsTruncatedOverlongAndOutOfRangeMessages() {
    assertReason(hex("4001"), ChannelDataParseException.Reason.TRUNCATED);
    assertReason(hex("40010005" + "68656c6c"), ChannelDataParseException.Reason.TRUNCATED);
    assertReason(hex("40010001" + "68" + "000000" + "00"), ChannelDataParseException.Reason.TRAILING_BYTES);
    assertReason(hex("50000000"), ChannelDataParseException.Reason.BAD_CHANNEL);
    assertReason(hex("3fff0000"), ChannelDataParseException.Reason.BAD_CHANNEL);
  }

  @Test
  void recordsRefuseChannelsOutsideTheTurnRange() {
    assertThatThrownBy(() -> new ChannelData(0x3FFF, new byte[0])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ChannelData(0x5000, new byte[0])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void dataIsCopiedInAndOut() {
    byte[] data = HELLO.clone();
    ChannelData m = new ChannelData(0x4000, data);
    data[0] = 'j';
    m.data()[1] = 'a';
    assertThat(m.data()).isEqualTo(HELLO);
  }

  @Test
  void stunIsNotChannelData() {
    byte[] stun = hex("000100002112a442000000000000000000000000");
    assertThat(ChannelDataCodec.looksLikeChannelData(stun, 0, stun.length)).isFalse();
  }

  private static void assertReason(byte[] wire, ChannelDataParseException.Reason reason) {
    try {
      ChannelDataCodec.decode(wire, 0, wire.length);
    } catch (ChannelDataParseException e) {
      assertThat(e.reason()).isEqualTo(reason);
      return;
    }
    throw new AssertionError("decoded, expected " + reason);
  }

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }
}
