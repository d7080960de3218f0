package dev.p2pchat.protocol.stun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.protocol.stun.AddressAttribute.XorMappedAddress;
import dev.p2pchat.protocol.stun.AuthAttribute.MessageIntegrity;
import dev.p2pchat.protocol.stun.IceAttribute.IceControlled;
import dev.p2pchat.protocol.stun.IceAttribute.Priority;
import dev.p2pchat.protocol.stun.TextAttribute.Nonce;
import dev.p2pchat.protocol.stun.TextAttribute.Realm;
import dev.p2pchat.protocol.stun.TextAttribute.Software;
import dev.p2pchat.protocol.stun.TextAttribute.Username;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The test vectors of RFC 5769, byte for byte: decode each, check every field, verify its
 * MESSAGE-INTEGRITY and FINGERPRINT with the RFC's credentials, and encode it back to the same bytes.
 * The request vectors pad USERNAME and SOFTWARE with spaces (0x20), which RFC 5389 allowed; the
 * encoder reproduces that with {@link StunEncoder#withPaddingByte}.
 */
class Rfc5769Test {

  private static final String SHORT_TERM_PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt";
  private static final byte[] TRANSACTION_ID = hex("b7e7a701bc34d686fa87dfae");

  /** RFC 5769 §2.1. */
  static final byte[] SAMPLE_REQUEST =
      hex(
          "000100582112a442b7e7a701bc34d686fa87dfae"
              + "802200105354554e207465737420636c69656e74" // SOFTWARE "STUN test client"
              + "002400046e0001ff" // PRIORITY
              + "80290008932ff9b151263b36" // ICE-CONTROLLED
              + "000600096576746a3a68367659202020" // USERNAME "evtj:h6vY", padded with spaces
              + "000800149aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a2" // MESSAGE-INTEGRITY
              + "80280004e57a3bcf"); // FINGERPRINT

  /** RFC 5769 §2.2. */
  static final byte[] SAMPLE_IPV4_RESPONSE =
      hex(
          "0101003c2112a442b7e7a701bc34d686fa87dfae"
              + "8022000b7465737420766563746f7220" // SOFTWARE "test vector", padded with a space
              + "002000080001a147e112a643" // XOR-MAPPED-ADDRESS 192.0.2.1:32853
              + "000800142b91f599fd9e90c38c7489f92af9ba53f06be7d7" // MESSAGE-INTEGRITY
              + "80280004c07d4c96"); // FINGERPRINT

  /** RFC 5769 §2.3. */
  static final byte[] SAMPLE_IPV6_RESPONSE =
      hex(
          "010100482112a442b7e7a701bc34d686fa87dfae"
              + "8022000b7465737420766563746f7220" // SOFTWARE "test vector"
              + "002000140002a1470113a9faa5d3f179bc25f4b5bed2b9d9" // XOR-MAPPED-ADDRESS
              + "00080014a382954e4be67bf11784c97c8292c275bfe3ed41" // MESSAGE-INTEGRITY
              + "80280004c8fb0b4c"); // FINGERPRINT

  /** RFC 5769 §2.4. */
  static final byte[] SAMPLE_REQUEST_LONG_TERM =
      hex(
          "000100602112a44278ad3433c6ad72c029da412e"
              + "00060012e3839ee38388e383aae38383e382afe382b90000" // USERNAME (18 bytes) + 2 zero pad
              + "0015001c662f2f3439396b39353464364f4c33346f4c39465354767936347341" // NONCE
              + "0014000b6578616d706c652e6f726700" // REALM "example.org"
              + "00080014f67024656dd64a3e02b8e0712e85c9a28ca89666"); // MESSAGE-INTEGRITY

  @Test
  void sampleRequest() throws Exception {
    StunMessage m = Stun.decode(SAMPLE_REQUEST);

    assertThat(m.type()).isEqualTo(StunMessageType.BINDING_REQUEST);
    assertThat(m.transactionId()).isEqualTo(TransactionId.of(TRANSACTION_ID));
    assertThat(m.isClassic()).isFalse();
    assertThat(m.attributes())
        .containsExactly(
            new Software("STUN test client"),
            new Priority(0x6e0001ffL),
            new IceControlled(0x932ff9b151263b36L),
            new Username("evtj:h6vY"),
            new MessageIntegrity(hex("9aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a2")),
            new Fingerprint(0xe57a3bcf));
    IntegrityKey key = IntegrityKey.shortTerm(SHORT_TERM_PASSWORD);
    assertVerifies(SAMPLE_REQUEST, key);
    assertThat(reencode(m, key, 0x20, true)).isEqualTo(SAMPLE_REQUEST);
  }

  @Test
  void sampleIpv4Response() throws Exception {
    StunMessage m = Stun.decode(SAMPLE_IPV4_RESPONSE);

    assertThat(m.type()).isEqualTo(StunMessageType.BINDING_SUCCESS);
    assertThat(m.transactionId()).isEqualTo(TransactionId.of(TRANSACTION_ID));
    assertThat(m.withoutIntegrity().attributes())
        .containsExactly(
            new Software("test vector"),
            new XorMappedAddress(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853)));
    IntegrityKey key = IntegrityKey.shortTerm(SHORT_TERM_PASSWORD);
    assertVerifies(SAMPLE_IPV4_RESPONSE, key);
    assertThat(reencode(m, key, 0x20, true)).isEqualTo(SAMPLE_IPV4_RESPONSE);
  }

  @Test
  void sampleIpv6Response() throws Exception {
    StunMessage m = Stun.decode(SAMPLE_IPV6_RESPONSE);

    InetAddress mapped = InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677");
    assertThat(m.type()).isEqualTo(StunMessageType.BINDING_SUCCESS);
    assertThat(m.withoutIntegrity().attributes())
        .containsExactly(new Software("test vector"), new XorMappedAddress(new InetSocketAddress(mapped, 32853)));
    IntegrityKey key = IntegrityKey.shortTerm(SHORT_TERM_PASSWORD);
    assertVerifies(SAMPLE_IPV6_RESPONSE, key);
    assertThat(reencode(m, key, 0x20, true)).isEqualTo(SAMPLE_IPV6_RESPONSE);
  }

  @Test
  void sampleRequestWithLongTermAuthentication() throws Exception {
    StunMessage m = Stun.decode(SAMPLE_REQUEST_LONG_TERM);

    String username = "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9";
    assertThat(m.type()).isEqualTo(StunMessageType.BINDING_REQUEST);
    assertThat(m.transactionId()).isEqualTo(TransactionId.of(hex("78ad3433c6ad72c029da412e")));
    assertThat(m.withoutIntegrity().attributes())
        .containsExactly(new Username(username), new Nonce("f//499k954d6OL34oL9FSTvy64sA"), new Realm("example.org"));
    // The password "The<U+00AD>M<U+00AA>tr<U+2168>" is "TheMatrIX" after SASLprep.
    IntegrityKey key = IntegrityKey.longTermMd5(username, "example.org", "TheMatrIX");
    assertThat(StunIntegrity.verify(SAMPLE_REQUEST_LONG_TERM, 0, SAMPLE_REQUEST_LONG_TERM.length, key)).isTrue();
    assertThat(StunIntegrity.verifyFingerprint(SAMPLE_REQUEST_LONG_TERM, 0, SAMPLE_REQUEST_LONG_TERM.length))
        .as("this vector has no FINGERPRINT")
        .isFalse();
    assertThat(reencode(m, key, 0x00, false)).isEqualTo(SAMPLE_REQUEST_LONG_TERM);
  }

  @Test
  void wrongKeysAndFlippedBitsFailVerification() {
    IntegrityKey wrong = IntegrityKey.shortTerm("not the password");
    assertThat(StunIntegrity.verify(SAMPLE_REQUEST, 0, SAMPLE_REQUEST.length, wrong)).isFalse();

    byte[] tampered = SAMPLE_REQUEST.clone();
    tampered[40] ^= 1; // inside PRIORITY, covered by both the HMAC and the CRC
    IntegrityKey key = IntegrityKey.shortTerm(SHORT_TERM_PASSWORD);
    assertThat(StunIntegrity.verify(tampered, 0, tampered.length, key)).isFalse();
    assertThat(StunIntegrity.verifyFingerprint(tampered, 0, tampered.length)).isFalse();
  }

  @Test
  void verifiesAtAnOffsetInALargerBuffer() {
    byte[] framed = new byte[SAMPLE_REQUEST.length + 7];
    System.arraycopy(SAMPLE_REQUEST, 0, framed, 3, SAMPLE_REQUEST.length);
    IntegrityKey key = IntegrityKey.shortTerm(SHORT_TERM_PASSWORD);
    assertThat(StunIntegrity.verify(framed, 3, SAMPLE_REQUEST.length, key)).isTrue();
    assertThat(StunIntegrity.verifyFingerprint(framed, 3, SAMPLE_REQUEST.length)).isTrue();
  }

  private static void assertVerifies(byte[] vector, IntegrityKey key) {
    assertThat(StunIntegrity.verify(vector, 0, vector.length, key)).as("MESSAGE-INTEGRITY").isTrue();
    assertThat(StunIntegrity.verifyFingerprint(vector, 0, vector.length)).as("FINGERPRINT").isTrue();
  }

  /** Drops the received integrity attributes and computes them afresh. */
  private static byte[] reencode(StunMessage m, IntegrityKey key, int padding, boolean fingerprint) {
    StunEncoder encoder = StunEncoder.plain().withPaddingByte(padding).withIntegrity(key);
    return (fingerprint ? encoder.withFingerprint() : encoder).encode(m.withoutIntegrity());
  }

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }
}
