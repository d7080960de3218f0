package dev.p2pchat.client.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.protocol.identity.DhPublicKey;
import dev.p2pchat.protocol.identity.SigningPublicKey;
import dev.p2pchat.protocol.identity.Username;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class FingerprintTest {
  private static final PublicKeys ZERO_KEYS =
      new PublicKeys(SigningPublicKey.ofRaw(new byte[32]), DhPublicKey.ofRaw(new byte[32]));

  @Test
  void digitsAreTwelveGroupsOfFive() {
    Fingerprint fingerprint = Fingerprint.of(ZERO_KEYS);

    assertThat(fingerprint.digits()).matches("(\\d{5} ){11}\\d{5}");
    assertThat(fingerprint.digitLines().lines()).hasSize(3);
    assertThat(fingerprint.hex()).matches("([0-9a-f]{4}:){7}[0-9a-f]{4}");
  }

  @Test
  void fixedKeysGiveAFixedFingerprint() {
    // Pinned (computed independently with Python's hashlib) so that a change to the derivation, which
    // would break every comparison users already made, fails here.
    assertThat(Fingerprint.of(ZERO_KEYS).digits())
        .isEqualTo("25369 11527 01002 84342 65904 65819 29897 53910 29055 73485 69951 00153");
    assertThat(Fingerprint.of(ZERO_KEYS).hex()).isEqualTo("7ee5:dfbf:b962:1990:bf27:e7bc:b7b3:6a16");
  }

  @Test
  void eitherKeyChangesTheFingerprint() {
    byte[] one = new byte[32];
    one[31] = 1;
    PublicKeys otherSigning = new PublicKeys(SigningPublicKey.ofRaw(one), DhPublicKey.ofRaw(new byte[32]));
    PublicKeys otherDh = new PublicKeys(SigningPublicKey.ofRaw(new byte[32]), DhPublicKey.ofRaw(one));

    assertThat(Fingerprint.of(otherSigning)).isNotEqualTo(Fingerprint.of(ZERO_KEYS));
    assertThat(Fingerprint.of(otherDh)).isNotEqualTo(Fingerprint.of(ZERO_KEYS));
    assertThat(Fingerprint.of(otherDh)).isNotEqualTo(Fingerprint.of(otherSigning));
  }

  @Test
  void identitiesHaveDifferentFingerprints() {
    Identity a = Identity.generate(Username.of("a"), new SecureRandom());
    Identity b = Identity.generate(Username.of("b"), new SecureRandom());

    assertThat(a.fingerprint()).isEqualTo(Fingerprint.of(a.publicKeys())).isNotEqualTo(b.fingerprint());
  }
}
