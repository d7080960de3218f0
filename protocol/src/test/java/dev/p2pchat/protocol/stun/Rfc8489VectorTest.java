package dev.p2pchat.protocol.stun;

import static dev.p2pchat.protocol.stun.Rfc5769Test.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.protocol.stun.AuthAttribute.MessageIntegritySha256;
import dev.p2pchat.protocol.stun.AuthAttribute.PasswordAlgorithm;
import dev.p2pchat.protocol.stun.AuthAttribute.Userhash;
import dev.p2pchat.protocol.stun.TextAttribute.Nonce;
import dev.p2pchat.protocol.stun.TextAttribute.Realm;
import org.junit.jupiter.api.Test;

/** RFC 8489 Appendix B.1: long-term authentication with USERHASH, PASSWORD-ALGORITHM and MESSAGE-INTEGRITY-SHA256. */
class Rfc8489VectorTest {

  static final byte[] SAMPLE_REQUEST_SHA256 =
      hex(
          "000100902112a44278ad3433c6ad72c029da412e"
              + "001e00204a3cf38fef6992bda952c6780417da0f24819415569e60b205c46e41407f1704" // USERHASH
              + "00150029" + "6f624d61744a6f733241414143662f2f3439396b39353464364f4c33346f4c39465354767936347341" + "000000" // NONCE (41 bytes), 3 zero bytes of padding
              + "0014000b6578616d706c652e6f726700" // REALM "example.org"
              + "001d000400020000" // PASSWORD-ALGORITHM SHA-256
              + "001c0020b5c7bf005b6c52a21c51c5e892f81924136296cb927c43149309278cc6518e65"); // MI-SHA256

  private static final String USERNAME = "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9";

  @Test
  void decodesVerifiesAndReencodes() throws Exception {
    StunMessage m = Stun.decode(SAMPLE_REQUEST_SHA256);

    assertThat(m.type()).isEqualTo(StunMessageType.BINDING_REQUEST);
    assertThat(m.withoutIntegrity().attributes())
        .containsExactly(
            Userhash.of(USERNAME, "example.org"),
            new Nonce("obMatJos2AAACf//499k954d6OL34oL9FSTvy64sA"),
            new Realm("example.org"),
            new PasswordAlgorithm(StunConstants.PASSWORD_ALGORITHM_SHA256));
    assertThat(m.attributes().getLast()).isInstanceOf(MessageIntegritySha256.class);

    IntegrityKey key = IntegrityKey.longTermSha256(USERNAME, "example.org", "TheMatrIX");
    int n = SAMPLE_REQUEST_SHA256.length;
    assertThat(StunIntegrity.verifySha256(SAMPLE_REQUEST_SHA256, 0, n, key)).isTrue();
    assertThat(StunIntegrity.verifySha256(SAMPLE_REQUEST_SHA256, 0, n, IntegrityKey.longTermMd5(USERNAME, "example.org", "TheMatrIX")))
        .isFalse();
    assertThat(StunEncoder.plain().withIntegritySha256(key).encode(m.withoutIntegrity())).isEqualTo(SAMPLE_REQUEST_SHA256);
  }
}
