package dev.p2pchat.protocol.stun;

import static dev.p2pchat.protocol.stun.Rfc5769Test.SAMPLE_REQUEST;
import static dev.p2pchat.protocol.stun.Rfc5769Test.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p2pchat.protocol.stun.AddressAttribute.MappedAddress;
import dev.p2pchat.protocol.stun.AddressAttribute.XorMappedAddress;
import dev.p2pchat.protocol.stun.ErrorAttribute.ErrorCode;
import dev.p2pchat.protocol.stun.NatBehaviorAttribute.ChangeRequest;
import dev.p2pchat.protocol.stun.StunParseException.Reason;
import dev.p2pchat.protocol.stun.TextAttribute.Software;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class StunDecoderTest {

  private static final TransactionId ID = TransactionId.of(hex("0102030405060708090a0b0c"));

  @Test
  void rejectsShortDatagrams() {
    assertReason(new byte[0], Reason.TRUNCATED_HEADER);
    assertReason(hex("0001000021 12a442".replace(" ", "")), Reason.TRUNCATED_HEADER);
  }

  @Test
  void rejectsOtherProtocolsByTheLeadingBits() {
    byte[] frame = Stun.encode(StunMessage.of(StunMessageType.BINDING_REQUEST, ID));
    frame[0] = (byte) 0x40; // ChannelData range
    assertReason(frame, Reason.NOT_STUN);
    frame[0] = (byte) 0xD0; // p2p frame range
    assertReason(frame, Reason.NOT_STUN);
  }

  @Test
  void rejectsALengthFieldThatDoesNotMatchTheDatagram() {
    byte[] ok = Stun.encode(StunMessage.of(StunMessageType.BINDING_REQUEST, ID, new Software("x")));
    byte[] longer = java.util.Arrays.copyOf(ok, ok.length + 4);
    assertReason(longer, Reason.BAD_LENGTH);
    byte[] unaligned = ok.clone();
    unaligned[3] = 7; // length 7: not a multiple of 4
    assertReason(unaligned, Reason.BAD_LENGTH);
    assertReason(java.util.Arrays.copyOf(ok, ok.length - 4), Reason.BAD_LENGTH);
  }

  @Test
  void rejectsAnAttributeThatRunsPastTheMessage() {
    byte[] m = Stun.encode(StunMessage.of(StunMessageType.BINDING_REQUEST, ID, new Software("abcd")));
    m[HEADER + 3] = 9; // SOFTWARE claims 9 bytes (12 with padding) in an 8-byte body
    StunParseException e = assertReason(m, Reason.TRUNCATED_ATTRIBUTE);
    assertThat(e.attributeType()).isEqualTo(StunConstants.SOFTWARE);
    assertThat(e.offset()).isEqualTo(HEADER);
  }

  @Test
  void rejectsMalformedKnownAttributes() {
    assertMalformed("00200004" + "00010000", StunConstants.XOR_MAPPED_ADDRESS); // too short for IPv4
    assertMalformed("00010008" + "00030000c0000201", StunConstants.MAPPED_ADDRESS); // family 3
    assertMalformed("00010014" + "00010000" + "c0000201" + "0".repeat(24), StunConstants.MAPPED_ADDRESS); // IPv4 with 16 bytes
    assertMalformed("80220002" + "c328" + "0000", StunConstants.SOFTWARE); // malformed UTF-8
    assertMalformed("00090004" + "00000200", StunConstants.ERROR_CODE); // class 2
    assertMalformed("00090004" + "00000464", StunConstants.ERROR_CODE); // number 100
    assertMalformed("80280002" + "00000000", StunConstants.FINGERPRINT); // 2-byte fingerprint
    assertMalformed("00080010" + "0".repeat(32), StunConstants.MESSAGE_INTEGRITY); // 16-byte HMAC-SHA1
    assertMalformed("000a0003" + "00010000", StunConstants.UNKNOWN_ATTRIBUTES); // odd length
    assertMalformed("80020008" + "00010008" + "00000000", StunConstants.PASSWORD_ALGORITHMS); // parameters run out
    assertMalformed("00250004" + "00000000", StunConstants.USE_CANDIDATE); // must be empty
  }

  @Test
  void keepsUnknownAttributesRawAndListsTheComprehensionRequiredOnes() throws Exception {
    byte[] m = message("0001" + "7fff0003" + "61626300" + "ffff0001" + "7a000000" + "00020001" + "01000000");
    StunMessage decoded = Stun.decode(m);

    assertThat(decoded.attributes())
        .containsExactly(
            new RawAttribute(0x7fff, hex("616263")), new RawAttribute(0xffff, hex("7a")), new RawAttribute(0x0002, hex("01")));
    assertThat(Stun.unknownComprehensionRequired(decoded)).containsExactly(0x7fff, 0x0002);
    assertThat(Stun.encode(decoded)).isEqualTo(m);
  }

  @Test
  void ignoresAttributesAfterMessageIntegrityExceptTheTrailers() throws Exception {
    String integrity = "00080014" + "11".repeat(20);
    byte[] m = message("0001" + integrity + "80220004" + "61626364" + "80280004" + "01020304");
    StunMessage decoded = Stun.decode(m);

    assertThat(decoded.attributes()).extracting(StunAttribute::type)
        .containsExactly(StunConstants.MESSAGE_INTEGRITY, StunConstants.FINGERPRINT);
  }

  @Test
  void ignoresAttributesAfterMessageIntegritySha256ExceptFingerprint() throws Exception {
    byte[] m = message("0001" + "001c0010" + "22".repeat(16) + "00080014" + "11".repeat(20) + "80280004" + "01020304");
    StunMessage decoded = Stun.decode(m);

    assertThat(decoded.attributes()).extracting(StunAttribute::type)
        .containsExactly(StunConstants.MESSAGE_INTEGRITY_SHA256, StunConstants.FINGERPRINT);
  }

  @Test
  void rejectsAnythingAfterFingerprint() {
    byte[] m = message("0001" + "80280004" + "01020304" + "80220000");
    assertReason(m, Reason.ATTRIBUTE_AFTER_FINGERPRINT);
  }

  @Test
  void decodesClassicRfc3489MessagesAndEchoesTheirWholeTransactionId() throws Exception {
    // A classic Binding Request with CHANGE-REQUEST(change IP and port), as Debian's stun client sends.
    byte[] classic = hex("000100080102030405060708090a0b0c0d0e0f10" + "00030004" + "00000006");
    StunMessage request = Stun.decode(classic);

    assertThat(request.isClassic()).isTrue();
    assertThat(request.attributes()).containsExactly(new ChangeRequest(true, true));
    assertThat(Stun.looksLikeStun(classic, 0, classic.length)).as("no cookie").isFalse();

    InetSocketAddress client = new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 5000);
    StunMessage response =
        StunMessage.of(StunMessageType.BINDING_SUCCESS, request.transactionId(), new MappedAddress(client));
    byte[] wire = Stun.encode(response);
    assertThat(java.util.Arrays.copyOfRange(wire, 4, 20)).isEqualTo(java.util.Arrays.copyOfRange(classic, 4, 20));
    assertThat(Stun.decode(wire).first(MappedAddress.class)).contains(new MappedAddress(client));
  }

  @Test
  void looksLikeStunChecksBitsLengthAndCookie() {
    byte[] m = Stun.encode(StunMessage.of(StunMessageType.BINDING_REQUEST, ID));
    assertThat(Stun.looksLikeStun(m, 0, m.length)).isTrue();
    assertThat(Stun.looksLikeStun(SAMPLE_REQUEST, 0, SAMPLE_REQUEST.length)).isTrue();
    assertThat(Stun.looksLikeStun(m, 0, 19)).isFalse();
    byte[] wrongCookie = m.clone();
    wrongCookie[4] = 0;
    assertThat(Stun.looksLikeStun(wrongCookie, 0, m.length)).isFalse();
  }

  @Test
  void decodesIpv6XorAddressesWithTheTransactionId() throws Exception {
    InetSocketAddress a = new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 443);
    StunMessage m = StunMessage.of(StunMessageType.BINDING_SUCCESS, ID, new XorMappedAddress(a));
    byte[] wire = Stun.encode(m);
    assertThat(Stun.decode(wire)).isEqualTo(m);
    // Another transaction id gives another address: the id is part of the IPv6 XOR.
    wire[19] ^= 1;
    assertThat(Stun.decode(wire).first(XorMappedAddress.class).orElseThrow().address()).isNotEqualTo(a);
  }

  @Test
  void errorCodeRoundTrip() throws Exception {
    StunMessage m = StunMessage.of(StunMessageType.BINDING_ERROR, ID, new ErrorCode(420, "Unknown Attribute"),
        new ErrorAttribute.UnknownAttributes(List.of(0x7fff, 0x0002, 0x0031)));
    byte[] wire = Stun.encode(m);
    assertThat(wire).hasSize(20 + (4 + 24) + (4 + 8)); // 21-byte ERROR-CODE value and 6-byte list, each padded
    assertThat(Stun.decode(wire)).isEqualTo(m);
  }

  private static final int HEADER = StunConstants.HEADER_LENGTH;

  /** A Binding Request with the given attribute bytes; the first 4 hex digits are a dummy method, replaced. */
  private static byte[] message(String methodAndAttributes) {
    String attributes = methodAndAttributes.substring(4);
    int length = attributes.length() / 2;
    return hex(String.format("0001%04x2112a442", length) + "0102030405060708090a0b0c" + attributes);
  }

  private static void assertMalformed(String attribute, int type) {
    StunParseException e = assertReason(message("0001" + attribute), Reason.MALFORMED_ATTRIBUTE);
    assertThat(e.attributeType()).as(attribute).isEqualTo(type);
  }

  private static StunParseException assertReason(byte[] datagram, Reason reason) {
    try {
      Stun.decode(datagram);
    } catch (StunParseException e) {
      assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
      return e;
    }
    throw new AssertionError("decoded, expected " + reason);
  }
}
