package dev.p2pchat.protocol.noise;

import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Noise §12.3 ChaChaPoly: ChaCha20-Poly1305 (RFC 8439) with the 96-bit nonce built from Noise's
 * 64-bit counter as 32 zero bits followed by the counter little-endian.
 *
 * <p>A fresh JDK {@link Cipher} per call: the JDK refuses to re-initialise one instance with the
 * key and nonce it last used, and the per-call cost (about 15 µs) does not matter for chat.
 */
final class ChaChaPoly {
  private ChaChaPoly() {}

  static byte[] encrypt(byte[] key, long nonce, byte[] ad, byte[] plaintext) {
    try {
      Cipher cipher = init(Cipher.ENCRYPT_MODE, key, nonce);
      cipher.updateAAD(ad);
      return cipher.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 is in every JDK since 11", e);
    }
  }

  /** The plaintext, or empty when the tag does not verify (or the input is shorter than a tag). */
  static Optional<byte[]> decrypt(byte[] key, long nonce, byte[] ad, byte[] in, int offset, int length) {
    if (length < NoiseSpec.TAG_LENGTH) {
      return Optional.empty();
    }
    try {
      Cipher cipher = init(Cipher.DECRYPT_MODE, key, nonce);
      cipher.updateAAD(ad);
      return Optional.of(cipher.doFinal(in, offset, length));
    } catch (AEADBadTagException e) {
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 is in every JDK since 11", e);
    }
  }

  private static Cipher init(int mode, byte[] key, long nonce) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
    cipher.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonceBytes(nonce)));
    return cipher;
  }

  /** Noise §12.3: 4 zero bytes, then the 64-bit nonce little-endian. */
  static byte[] nonceBytes(long nonce) {
    byte[] iv = new byte[12];
    for (int i = 0; i < 8; i++) {
      iv[4 + i] = (byte) (nonce >>> (8 * i));
    }
    return iv;
  }
}
