package dev.p2pchat.protocol.noise;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Noise §12.3 ChaChaPoly: ChaCha20-Poly1305 (RFC 8439) with the 96-bit nonce built from Noise's
 * 64-bit counter as 32 zero bits followed by the counter little-endian.
 *
 * <p>An instance holds one key and re-initialises the same two JDK {@link Cipher}s (one per
 * direction of use) with each packet's nonce: {@code Cipher.getInstance} walks the JCA providers
 * on every call, which was the largest cost of a transport packet. The JDK refuses to encrypt
 * twice with the key and nonce of its previous initialisation; Noise never reuses a nonce under
 * one key, and if a caller ever did, {@link #cipherFor} falls back to a fresh instance, which is
 * what the static one-shot methods (handshake, rekey) use anyway.
 *
 * <p>Not thread-safe: each instance belongs to one direction of one session.
 */
final class ChaChaPoly {
  private static final String TRANSFORMATION = "ChaCha20-Poly1305";

  private final SecretKeySpec key;
  private Cipher encryptor;
  private Cipher decryptor;

  ChaChaPoly(byte[] key) {
    this.key = new SecretKeySpec(key, "ChaCha20");
  }

  /** ENCRYPT(k, n, ad, plaintext) under this instance's key. */
  byte[] seal(long nonce, byte[] ad, byte[] plaintext) {
    try {
      if (encryptor == null) {
        encryptor = Cipher.getInstance(TRANSFORMATION);
      }
      Cipher cipher = cipherFor(encryptor, Cipher.ENCRYPT_MODE, nonce);
      cipher.updateAAD(ad);
      return cipher.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 is in every JDK since 11", e);
    }
  }

  /** DECRYPT(k, n, ad, ciphertext): the plaintext, or empty when the tag does not verify. */
  Optional<byte[]> open(long nonce, byte[] ad, byte[] in, int offset, int length) {
    if (length < NoiseSpec.TAG_LENGTH) {
      return Optional.empty();
    }
    try {
      if (decryptor == null) {
        decryptor = Cipher.getInstance(TRANSFORMATION);
      }
      Cipher cipher = cipherFor(decryptor, Cipher.DECRYPT_MODE, nonce);
      cipher.updateAAD(ad);
      return Optional.of(cipher.doFinal(in, offset, length));
    } catch (AEADBadTagException e) {
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 is in every JDK since 11", e);
    }
  }

  /** {@code cached} initialised for {@code nonce}, or a fresh Cipher if the JDK refuses the reuse. */
  private Cipher cipherFor(Cipher cached, int mode, long nonce) throws GeneralSecurityException {
    IvParameterSpec iv = new IvParameterSpec(nonceBytes(nonce));
    try {
      cached.init(mode, key, iv);
      return cached;
    } catch (InvalidKeyException sameKeyAndNonce) {
      Cipher fresh = Cipher.getInstance(TRANSFORMATION);
      fresh.init(mode, key, iv);
      return fresh;
    }
  }

  static byte[] encrypt(byte[] key, long nonce, byte[] ad, byte[] plaintext) {
    return new ChaChaPoly(key).seal(nonce, ad, plaintext);
  }

  /** The plaintext, or empty when the tag does not verify (or the input is shorter than a tag). */
  static Optional<byte[]> decrypt(byte[] key, long nonce, byte[] ad, byte[] in, int offset, int length) {
    return new ChaChaPoly(key).open(nonce, ad, in, offset, length);
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
