package dev.p2pchat.protocol.noise;

import static dev.p2pchat.protocol.noise.NoiseVector.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.security.interfaces.XECPublicKey;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class X25519Test {

  // RFC 7748 §6.1
  static final String ALICE_PRIVATE = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
  static final String ALICE_PUBLIC = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
  static final String BOB_PRIVATE = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
  static final String BOB_PUBLIC = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
  static final String SHARED = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

  @Test
  void rfc7748Section6_1PublicKeys() {
    assertThat(pair(ALICE_PRIVATE).publicKey().raw()).isEqualTo(hex(ALICE_PUBLIC));
    assertThat(pair(BOB_PRIVATE).publicKey().raw()).isEqualTo(hex(BOB_PUBLIC));
  }

  @Test
  void rfc7748Section6_1SharedSecretBothWays() {
    byte[] ab = X25519.sharedSecret(NoisePrivateKey.ofRaw(hex(ALICE_PRIVATE)), NoisePublicKey.ofRaw(hex(BOB_PUBLIC))).orElseThrow();
    byte[] ba = X25519.sharedSecret(NoisePrivateKey.ofRaw(hex(BOB_PRIVATE)), NoisePublicKey.ofRaw(hex(ALICE_PUBLIC))).orElseThrow();
    assertThat(ab).isEqualTo(hex(SHARED));
    assertThat(ba).isEqualTo(hex(SHARED));
  }

  @Test
  void rfc7748Section5_2VectorsIncludingAMaskedHighBit() {
    assertThat(X25519.sharedSecret(
        NoisePrivateKey.ofRaw(hex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4")),
        NoisePublicKey.ofRaw(hex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"))))
        .hasValueSatisfying(k -> assertThat(HexFormat.of().formatHex(k))
            .isEqualTo("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"));
    // The input u has its top bit set (last byte 0x93): RFC 7748 §5 says to mask it.
    assertThat(X25519.sharedSecret(
        NoisePrivateKey.ofRaw(hex("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d")),
        NoisePublicKey.ofRaw(hex("e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493"))))
        .hasValueSatisfying(k -> assertThat(HexFormat.of().formatHex(k))
            .isEqualTo("95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957"));
  }

  @Test
  void smallOrderPointsGiveNoSecret() {
    NoisePrivateKey key = NoisePrivateKey.ofRaw(hex(ALICE_PRIVATE));
    assertThat(X25519.sharedSecret(key, NoisePublicKey.ofRaw(new byte[32]))).isEmpty();
    byte[] one = new byte[32];
    one[0] = 1;
    assertThat(X25519.sharedSecret(key, NoisePublicKey.ofRaw(one))).isEmpty();
    // u = p - 1 has order 2.
    assertThat(X25519.sharedSecret(key, NoisePublicKey.ofRaw(
        hex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")))).isEmpty();
  }

  @Test
  void rawAndJdkEncodingsRoundTrip() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("X25519");
    for (int i = 0; i < 50; i++) {
      XECPublicKey jdk = (XECPublicKey) generator.generateKeyPair().getPublic();
      NoisePublicKey raw = X25519.fromJdk(jdk);
      assertThat(((XECPublicKey) X25519.toJdk(raw)).getU()).isEqualTo(jdk.getU());
    }
    NoisePublicKey alice = NoisePublicKey.ofRaw(hex(ALICE_PUBLIC));
    assertThat(X25519.fromJdk((XECPublicKey) X25519.toJdk(alice))).isEqualTo(alice);
  }

  @Test
  void generatedPairsAgree() {
    Random random = new Random(7);
    NoiseKeyPair a = NoiseKeyPair.generate(random);
    NoiseKeyPair b = NoiseKeyPair.generate(random);
    assertThat(X25519.sharedSecret(a.privateKey(), b.publicKey()))
        .hasValueSatisfying(s -> assertThat(X25519.sharedSecret(b.privateKey(), a.publicKey())).hasValue(s));
  }

  @Test
  void keysNeverPrintTheirBytes() {
    NoiseKeyPair alice = pair(ALICE_PRIVATE);
    assertThat(alice.toString()).doesNotContain(ALICE_PRIVATE.substring(0, 8)).doesNotContain(ALICE_PUBLIC.substring(0, 8));
    assertThat(alice.privateKey().toString()).isEqualTo("NoisePrivateKey[redacted]");
    assertThat(alice.publicKey().toString()).startsWith("NoisePublicKey[").doesNotContain(ALICE_PUBLIC.substring(0, 8));
  }

  @Test
  void keysHaveExactLengths() {
    assertThatThrownBy(() -> NoisePublicKey.ofRaw(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NoisePrivateKey.ofRaw(new byte[33])).isInstanceOf(IllegalArgumentException.class);
  }

  private static NoiseKeyPair pair(String privateHex) {
    return NoiseKeyPair.fromPrivate(NoisePrivateKey.ofRaw(hex(privateHex)));
  }

  @Test
  void aRegistryKeyBecomesTheSameNoiseKey() {
    NoisePublicKey alice = pair(ALICE_PRIVATE).publicKey();
    var registry = dev.p2pchat.protocol.identity.DhPublicKey.ofRaw(alice.raw());
    assertThat(NoisePublicKey.of(registry)).isEqualTo(alice);
  }
}
