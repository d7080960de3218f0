package dev.p2pchat.protocol.noise;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The reused-Cipher instance must be byte-for-byte the one-shot construction, whatever came before. */
class ChaChaPolyTest {
  private static final byte[] KEY = new byte[32];
  private static final byte[] AD = "header".getBytes(StandardCharsets.US_ASCII);

  static {
    Arrays.fill(KEY, (byte) 7);
  }

  @Test
  void reusedInstanceSealsAsFreshCiphersDo() {
    ChaChaPoly cipher = new ChaChaPoly(KEY);
    for (long nonce = 0; nonce < 5; nonce++) {
      byte[] plaintext = ("message " + nonce).getBytes(StandardCharsets.US_ASCII);
      assertThat(cipher.seal(nonce, AD, plaintext)).isEqualTo(ChaChaPoly.encrypt(KEY, nonce, AD, plaintext));
    }
  }

  @Test
  void sealingTheSameNonceTwiceFallsBackInsteadOfThrowing() {
    ChaChaPoly cipher = new ChaChaPoly(KEY);
    byte[] first = cipher.seal(9, AD, new byte[] {1, 2, 3});
    assertThat(cipher.seal(9, AD, new byte[] {1, 2, 3})).isEqualTo(first);
  }

  @Test
  void aForgedPacketDoesNotSpoilTheNextOpen() {
    ChaChaPoly sender = new ChaChaPoly(KEY);
    ChaChaPoly receiver = new ChaChaPoly(KEY);
    byte[] forged = sender.seal(1, AD, new byte[] {4, 5, 6});
    forged[0] ^= 1;
    byte[] genuine = sender.seal(2, AD, new byte[] {7, 8, 9});

    assertThat(receiver.open(1, AD, forged, 0, forged.length)).isEmpty();
    assertThat(receiver.open(2, AD, genuine, 0, genuine.length)).hasValueSatisfying(
        plaintext -> assertThat(plaintext).containsExactly(7, 8, 9));
    assertThat(receiver.open(2, AD, genuine, 0, 5)).isEmpty();
  }
}
