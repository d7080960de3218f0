package dev.p2pchat.client.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DhKeyPairTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void rfc7748AlicePrivateKeyDerivesHerPublicKey() {
    // RFC 7748 §6.1
    byte[] scalar = HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");

    DhKeyPair pair = DhKeyPair.fromPrivate(scalar);

    assertThat(pair.publicKey().raw())
        .isEqualTo(HEX.parseHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"));
    assertThat(pair.privateBytes()).isEqualTo(scalar);
  }

  @Test
  void privateBytesRoundTrip() {
    DhKeyPair generated = DhKeyPair.generate(new SecureRandom());

    assertThat(DhKeyPair.fromPrivate(generated.privateBytes()).publicKey()).isEqualTo(generated.publicKey());
  }

  @Test
  void wrongLengthIsRejected() {
    assertThatThrownBy(() -> DhKeyPair.fromPrivate(new byte[31])).isInstanceOf(IllegalArgumentException.class);
  }
}
