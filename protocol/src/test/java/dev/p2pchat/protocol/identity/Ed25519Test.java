package dev.p2pchat.protocol.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RFC 8032 §7.1 vectors: they prove the raw-key conversion to and from the JDK's EdECPoint. */
class Ed25519Test {
  private static final HexFormat HEX = HexFormat.of();

  // RFC 8032 §7.1, TEST 1 (empty message).
  private static final byte[] SEED_1 = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  private static final byte[] PUBLIC_1 = HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  private static final byte[] SIGNATURE_1 = HEX.parseHex(
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

  // RFC 8032 §7.1, TEST 2 (one-byte message 0x72); its public key has the x-sign bit clear, TEST 1's set.
  private static final byte[] SEED_2 = HEX.parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
  private static final byte[] PUBLIC_2 = HEX.parseHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
  private static final byte[] SIGNATURE_2 = HEX.parseHex(
      "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");

  @Test
  void seedDerivesTheRfcPublicKey() {
    assertThat(SigningKeyPair.fromSeed(SEED_1).publicKey().raw()).isEqualTo(PUBLIC_1);
    assertThat(SigningKeyPair.fromSeed(SEED_2).publicKey().raw()).isEqualTo(PUBLIC_2);
  }

  @Test
  void signingProducesTheRfcSignature() {
    assertThat(SigningKeyPair.fromSeed(SEED_1).sign(new byte[0])).isEqualTo(SIGNATURE_1);
    assertThat(SigningKeyPair.fromSeed(SEED_2).sign(new byte[] {0x72})).isEqualTo(SIGNATURE_2);
  }

  @Test
  void rfcSignaturesVerifyUnderTheRawPublicKeys() {
    assertThat(Ed25519.verify(SigningPublicKey.ofRaw(PUBLIC_1), new byte[0], SIGNATURE_1)).isTrue();
    assertThat(Ed25519.verify(SigningPublicKey.ofRaw(PUBLIC_2), new byte[] {0x72}, SIGNATURE_2)).isTrue();
  }

  @Test
  void aChangedMessageSignatureOrKeyDoesNotVerify() {
    SigningPublicKey key = SigningPublicKey.ofRaw(PUBLIC_1);
    byte[] flipped = SIGNATURE_1.clone();
    flipped[10] ^= 1;
    assertThat(Ed25519.verify(key, new byte[] {0}, SIGNATURE_1)).isFalse();
    assertThat(Ed25519.verify(key, new byte[0], flipped)).isFalse();
    assertThat(Ed25519.verify(SigningPublicKey.ofRaw(PUBLIC_2), new byte[0], SIGNATURE_1)).isFalse();
  }

  @Test
  void malformedSignaturesAndKeysAreInvalidNotErrors() {
    SigningPublicKey key = SigningPublicKey.ofRaw(PUBLIC_1);
    assertThat(Ed25519.verify(key, new byte[0], new byte[63])).isFalse();
    assertThat(Ed25519.verify(key, new byte[0], null)).isFalse();
    byte[] notOnCurve = new byte[32];
    notOnCurve[0] = 2; // y = 2 gives no x on edwards25519
    assertThat(Ed25519.verify(SigningPublicKey.ofRaw(notOnCurve), new byte[0], SIGNATURE_1)).isFalse();
    byte[] allOnes = new byte[32];
    java.util.Arrays.fill(allOnes, (byte) 0xff); // y >= p: not a canonical encoding
    assertThat(Ed25519.verify(SigningPublicKey.ofRaw(allOnes), new byte[0], SIGNATURE_1)).isFalse();
  }

  @Test
  void generatedKeysRoundTripThroughTheJdk() throws Exception {
    var random = new java.security.SecureRandom();
    for (int i = 0; i < 20; i++) {
      SigningKeyPair pair = SigningKeyPair.generate(random);
      var jdk = (java.security.interfaces.EdECPublicKey) Ed25519.toJdk(pair.publicKey());
      assertThat(Ed25519.fromJdk(jdk)).isEqualTo(pair.publicKey());
      assertThat(SigningKeyPair.fromSeed(pair.seed()).publicKey()).isEqualTo(pair.publicKey());
    }
  }
}
