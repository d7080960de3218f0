package dev.p2pchat.protocol.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.security.interfaces.XECPublicKey;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KeysTest {
  private static final byte[] PUBLIC_1 =
      HexFormat.of().parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");

  @Test
  void textFormIsBase64UrlWithoutPadding() {
    // RFC 8037 Appendix A.1 writes the RFC 8032 TEST 1 public key as this JWK "x" value.
    SigningPublicKey key = SigningPublicKey.fromText("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
    assertThat(key.raw()).isEqualTo(PUBLIC_1);
    assertThat(key.toText()).isEqualTo("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
  }

  @Test
  void malformedTextIsRejectedNamingTheField() {
    assertThatThrownBy(() -> SigningPublicKey.fromText("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo="))
        .isInstanceOf(IdentityFormatException.class)
        .hasMessageStartingWith("signing_key:");
    assertThatThrownBy(() -> DhPublicKey.fromText("11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo"))
        .isInstanceOfSatisfying(IdentityFormatException.class, e -> assertThat(e.field()).isEqualTo("dh_key"));
    assertThatThrownBy(() -> DhPublicKey.fromText("AAAA")).isInstanceOf(IdentityFormatException.class);
    assertThatThrownBy(() -> DhPublicKey.fromText(null)).isInstanceOf(IdentityFormatException.class);
    // Non-zero trailing bits: decodes with the JDK, but is a second spelling of the same bytes.
    assertThatThrownBy(() -> SigningPublicKey.fromText("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURp"))
        .isInstanceOf(IdentityFormatException.class);
    assertThatThrownBy(() -> SigningPublicKey.ofRaw(new byte[31])).isInstanceOf(IdentityFormatException.class);
  }

  @Test
  void keysCompareByValueAndNeverPrintTheirBytes() {
    SigningPublicKey a = SigningPublicKey.ofRaw(PUBLIC_1);
    SigningPublicKey b = SigningPublicKey.fromText(a.toText());
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(DhPublicKey.ofRaw(PUBLIC_1));
    assertThat(a.toString()).doesNotContain(a.toText()).doesNotContain("d75a98").startsWith("SigningPublicKey[");
    assertThat(DhPublicKey.ofRaw(PUBLIC_1).toString()).doesNotContain(a.toText()).doesNotContain("d75a98");
    assertThat(SigningKeyPair.fromSeed(new byte[32]).toString()).startsWith("SigningKeyPair[");
  }

  @Test
  void rawArraysAreCopiesSoKeysAreImmutable() {
    byte[] raw = PUBLIC_1.clone();
    SigningPublicKey key = SigningPublicKey.ofRaw(raw);
    raw[0] = 0;
    key.raw()[1] = 0;
    assertThat(key.raw()).isEqualTo(PUBLIC_1);
  }

  @Test
  void dhKeyRoundTripsThroughTheJdk() throws Exception {
    var generator = KeyPairGenerator.getInstance("X25519");
    for (int i = 0; i < 20; i++) {
      XECPublicKey jdk = (XECPublicKey) generator.generateKeyPair().getPublic();
      DhPublicKey key = DhPublicKey.fromJdk(jdk);
      assertThat(((XECPublicKey) key.toJdk()).getU()).isEqualTo(jdk.getU());
      assertThat(DhPublicKey.fromText(key.toText())).isEqualTo(key);
    }
  }

  @Test
  void dhKeyDecodesRfc7748LittleEndian() {
    // RFC 7748 §6.1: Alice's public key.
    byte[] alice = HexFormat.of().parseHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    XECPublicKey jdk = (XECPublicKey) DhPublicKey.ofRaw(alice).toJdk();
    assertThat(DhPublicKey.fromJdk(jdk).raw()).isEqualTo(alice);
  }
}
