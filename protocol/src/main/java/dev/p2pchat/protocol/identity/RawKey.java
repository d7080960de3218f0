package dev.p2pchat.protocol.identity;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/** Shared plumbing of the public key types: a copied, fixed-length byte array. */
final class RawKey {
  private RawKey() {}

  static byte[] checkedCopy(String field, byte[] raw, int length) {
    if (raw == null || raw.length != length) {
      throw new IdentityFormatException(field, "must be exactly " + length + " bytes");
    }
    return raw.clone();
  }

  /** Constant time, so that comparing a presented key with a stored one leaks no prefix length. */
  static boolean constantTimeEquals(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }

  static int hash(byte[] raw) {
    return Arrays.hashCode(raw);
  }

  /**
   * A short, one-way fingerprint for logs and humans: the first 8 bytes of SHA-256 in hex. It
   * identifies a key without printing it.
   */
  static String fingerprint(byte[] raw) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw);
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }
}
