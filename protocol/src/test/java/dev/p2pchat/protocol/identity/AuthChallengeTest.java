package dev.p2pchat.protocol.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {
  private static final SigningKeyPair ALICE = SigningKeyPair.fromSeed(
      HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
  private static final DhPublicKey DH = DhPublicKey.ofRaw(new byte[32]);
  private static final String NONCE = Base64Url.encode(new byte[32]);

  @Test
  void bytesToSignAreTheDocumentedText() {
    var challenge = new AuthChallenge(NONCE, Username.of("alice"), ALICE.publicKey(), DH);
    String expected = "p2pchat-auth-v1\n"
        + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n"
        + "alice\n"
        + "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\n"
        + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    assertThat(new String(challenge.bytesToSign(), StandardCharsets.UTF_8)).isEqualTo(expected);
  }

  @Test
  void aSignatureVerifiesOnlyForItsOwnNonceUserAndKeys() {
    String nonce = AuthChallenge.newNonce(new SecureRandom());
    var challenge = new AuthChallenge(nonce, Username.of("alice"), ALICE.publicKey(), DH);
    byte[] signature = challenge.sign(ALICE);
    assertThat(challenge.verify(signature)).isTrue();

    assertThat(new AuthChallenge(NONCE, Username.of("alice"), ALICE.publicKey(), DH).verify(signature)).isFalse();
    assertThat(new AuthChallenge(nonce, Username.of("mallory"), ALICE.publicKey(), DH).verify(signature)).isFalse();
    DhPublicKey otherDh = DhPublicKey.ofRaw(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
        17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
    assertThat(new AuthChallenge(nonce, Username.of("alice"), ALICE.publicKey(), otherDh).verify(signature)).isFalse();
  }

  @Test
  void signingWithAnotherKeyPairIsRefused() {
    var challenge = new AuthChallenge(NONCE, Username.of("alice"), ALICE.publicKey(), DH);
    assertThatThrownBy(() -> challenge.sign(SigningKeyPair.fromSeed(new byte[32])))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aMalformedNonceIsRejected() {
    assertThatThrownBy(() -> new AuthChallenge("short", Username.of("alice"), ALICE.publicKey(), DH))
        .isInstanceOfSatisfying(IdentityFormatException.class, e -> assertThat(e.field()).isEqualTo("nonce"));
  }

  @Test
  void noncesAreFreshAndWellFormed() {
    var random = new SecureRandom();
    String a = AuthChallenge.newNonce(random);
    assertThat(a).hasSize(43).isNotEqualTo(AuthChallenge.newNonce(random));
    assertThat(Base64Url.decode("nonce", a, AuthChallenge.NONCE_BYTES)).hasSize(32);
  }
}
