package dev.p2pchat.protocol.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class NoiseWireTest {
  static final HexFormat HEX = HexFormat.of();

  static byte[] filled(int length, int value) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }

  @Test
  void initiationHasAFixedLayout() throws Exception {
    HandshakeInitiation message = new HandshakeInitiation(ProtocolVersion.V1, 0x01020304, filled(96, 0xaa));
    byte[] wire = message.encode();
    assertThat(HEX.formatHex(wire)).isEqualTo("d201" + "01020304" + "aa".repeat(96));
    assertThat(NoiseWire.decode(wire)).isEqualTo(message);
  }

  @Test
  void responseHasAFixedLayout() throws Exception {
    HandshakeResponse message = new HandshakeResponse(ProtocolVersion.V1, 0x0a0b0c0d, 0xfffffffe, filled(48, 0xbb));
    byte[] wire = message.encode();
    assertThat(HEX.formatHex(wire)).isEqualTo("d301" + "0a0b0c0d" + "fffffffe" + "bb".repeat(48));
    assertThat(NoiseWire.decode(wire)).isEqualTo(message);
  }

  @Test
  void transportHasAFixedLayout() throws Exception {
    TransportData message = new TransportData(0x01020304, 0x8000000000000005L, filled(16, 0xcc));
    byte[] wire = message.encode();
    assertThat(HEX.formatHex(wire)).isEqualTo("d4" + "01020304" + "8000000000000005" + "cc".repeat(16));
    assertThat(NoiseWire.decode(wire)).isEqualTo(message);
    assertThat(HEX.formatHex(TransportData.header(0x01020304, 5))).isEqualTo("d4010203040000000000000005");
  }

  @Test
  void minimumLengthsFollowTheIkPattern() {
    assertThat(ProtocolVersion.V1.minimumNoiseLength(0)).isEqualTo(32 + 48 + 16);
    assertThat(ProtocolVersion.V1.minimumNoiseLength(1)).isEqualTo(32 + 16);
  }

  @Test
  void everyShortPacketIsTooShort() {
    byte[][] full = {
      new HandshakeInitiation(ProtocolVersion.V1, 1, filled(96, 1)).encode(),
      new HandshakeResponse(ProtocolVersion.V1, 1, 2, filled(48, 1)).encode(),
      new TransportData(1, 2, filled(16, 1)).encode()
    };
    for (byte[] packet : full) {
      for (int length = 1; length < packet.length; length++) {
        byte[] prefix = Arrays.copyOf(packet, length);
        assertThatThrownBy(() -> NoiseWire.decode(prefix))
            .isInstanceOfSatisfying(WireFormatException.class,
                e -> assertThat(e.error()).isInstanceOf(WireError.TooShort.class));
      }
    }
  }

  @Test
  void tooLongPacketsAreRefused() {
    byte[] packet = new TransportData(1, 2, new byte[NoiseSpec.MAX_MESSAGE_LENGTH + 1]).encode();
    assertThatThrownBy(() -> NoiseWire.decode(packet)).isInstanceOfSatisfying(WireFormatException.class,
        e -> assertThat(e.error()).isEqualTo(new WireError.TooLong(0xd4, packet.length, 13 + 65535)));
  }

  @Test
  void typedErrorsCarryTheOffendingValue() {
    assertError(new byte[0], new WireError.Empty());
    assertError(new byte[] {(byte) 0xd0, 0, 0}, new WireError.UnknownType(0xd0));
    assertError(new byte[] {0x00}, new WireError.UnknownType(0));
    assertError(new byte[] {(byte) 0xd5, 1}, new WireError.ReservedType(0xd5));
    byte[] futureVersion = new HandshakeInitiation(ProtocolVersion.V1, 1, filled(200, 1)).encode();
    futureVersion[1] = 2;
    assertError(futureVersion, new WireError.UnsupportedVersion(2));
    assertError(new byte[] {(byte) 0xd3, 0}, new WireError.UnsupportedVersion(0));
  }

  @Test
  void noiseTypesAreTheReservedRange() {
    assertThat(NoiseWire.isNoiseType((byte) 0xd2)).isTrue();
    assertThat(NoiseWire.isNoiseType((byte) 0xd5)).isTrue();
    assertThat(NoiseWire.isNoiseType((byte) 0xd1)).isFalse();
    assertThat(NoiseWire.isNoiseType((byte) 0xd6)).isFalse();
    assertThat(NoiseWire.isNoiseType((byte) 0x01)).isFalse();
  }

  @Test
  void toStringShowsLengthsNotBytes() {
    assertThat(new TransportData(7, 9, filled(20, 0xab)).toString())
        .isEqualTo("TransportData[receiver=7, counter=9, ciphertext=20 bytes]");
  }

  private static void assertError(byte[] packet, WireError expected) {
    assertThatThrownBy(() -> NoiseWire.decode(packet)).isInstanceOfSatisfying(WireFormatException.class,
        e -> assertThat(e.error()).isEqualTo(expected));
  }
}
