package dev.p2pchat.protocol.noise;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Noise §4.3 HKDF over HMAC-SHA256: the extract-then-expand of RFC 5869 shaped the way Noise uses
 * it, with the chaining key as salt, no info string and two or three 32-byte outputs.
 */
final class Hkdf {
  private Hkdf() {}

  /** HKDF(chaining_key, input_key_material, 2). */
  static byte[][] two(byte[] chainingKey, byte[] inputKeyMaterial) {
    return derive(chainingKey, inputKeyMaterial, 2);
  }

  /** HKDF(chaining_key, input_key_material, 3). */
  static byte[][] three(byte[] chainingKey, byte[] inputKeyMaterial) {
    return derive(chainingKey, inputKeyMaterial, 3);
  }

  private static byte[][] derive(byte[] chainingKey, byte[] inputKeyMaterial, int outputs) {
    byte[] tempKey = hmac(chainingKey, inputKeyMaterial);
    byte[][] out = new byte[outputs][];
    byte[] previous = new byte[0];
    for (int i = 0; i < outputs; i++) {
      byte[] block = new byte[previous.length + 1];
      System.arraycopy(previous, 0, block, 0, previous.length);
      block[previous.length] = (byte) (i + 1);
      out[i] = hmac(tempKey, block);
      previous = out[i];
    }
    return out;
  }

  static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is in every JDK", e);
    }
  }

  static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (byte[] part : parts) {
        digest.update(part);
      }
      return digest.digest();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is in every JDK", e);
    }
  }
}
