package dev.p2pchat.client.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KeyCodecTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void rfc8032Test1SeedDerivesItsPublicKey() {
    // RFC 8032 §7.1, TEST 1
    byte[] seed = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    KeyPair pair = KeyCodec.keyPairFromPrivate(KeyCodec.ED25519, seed);

    assertThat(KeyCodec.signingPublic(pair.getPublic()).bytes())
        .isEqualTo(HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
  }

  @Test
  void rfc7748AlicePrivateKeyDerivesHerPublicKey() {
    // RFC 7748 §6.1
    byte[] scalar = HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    KeyPair pair = KeyCodec.keyPairFromPrivate(KeyCodec.X25519, scalar);

    assertThat(KeyCodec.dhPublic(pair.getPublic()).bytes())
        .isEqualTo(HEX.parseHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"));
  }

  @Test
  void rawPublicKeysRoundTripThroughJdkObjects() {
    Identity identity = Identity.generate("alice", new SecureRandom());
    PublicKeys keys = identity.publicKeys();

    assertThat(KeyCodec.signingPublic(KeyCodec.jdkSigningPublic(keys.signing()))).isEqualTo(keys.signing());
    assertThat(KeyCodec.dhPublic(KeyCodec.jdkDhPublic(keys.dh()))).isEqualTo(keys.dh());
  }

  @Test
  void keyTypesAreDistinctAndLengthChecked() {
    byte[] raw = new byte[32];
    assertThat(SigningPublicKey.of(raw)).isNotEqualTo(DhPublicKey.of(raw));
    assertThatThrownBy(() -> SigningPublicKey.of(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DhPublicKey.fromBase64("AAAA")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DhPublicKey.fromBase64("not base64!")).isInstanceOf(IllegalArgumentException.class);
  }
}
