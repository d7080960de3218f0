package dev.p2pchat.protocol.stun;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The HMAC key of MESSAGE-INTEGRITY and MESSAGE-INTEGRITY-SHA256 (RFC 8489 §9.1.1, §9.2.2). Its bytes
 * never leave this package and {@link #toString()} does not print them.
 *
 * <p>Passwords, usernames and realms are taken as already prepared with the OpaqueString profile (RFC
 * 8265) that RFC 8489 asks for; this class only hashes their UTF-8 bytes.
 */
public final class IntegrityKey {
  private final byte[] key;
  private final String kind;

  private IntegrityKey(byte[] key, String kind) {
    this.key = key;
    this.kind = kind;
  }

  /** Short-term credentials (RFC 8489 §9.1.1): the key is the password itself. */
  public static IntegrityKey shortTerm(String password) {
    if (password.isEmpty()) {
      throw new IllegalArgumentException("an empty password is no key");
    }
    return new IntegrityKey(Utf8.encode(password), "short-term");
  }

  /** Long-term credentials with the MD5 algorithm (RFC 8489 §9.2.2): MD5(username ":" realm ":" password). */
  public static IntegrityKey longTermMd5(String username, String realm, String password) {
    return new IntegrityKey(digest("MD5", username, realm, password), "long-term MD5");
  }

  /** Long-term credentials with the SHA-256 algorithm (RFC 8489 §9.2.2). */
  public static IntegrityKey longTermSha256(String username, String realm, String password) {
    return new IntegrityKey(digest("SHA-256", username, realm, password), "long-term SHA-256");
  }

  byte[] bytes() {
    return key;
  }

  private static byte[] digest(String algorithm, String username, String realm, String password) {
    try {
      byte[] input = Utf8.encode(username + ":" + realm + ":" + password);
      return MessageDigest.getInstance(algorithm).digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has " + algorithm, e);
    }
  }

  @Override
  public String toString() {
    return "IntegrityKey[" + kind + ", " + key.length + " bytes]";
  }
}
