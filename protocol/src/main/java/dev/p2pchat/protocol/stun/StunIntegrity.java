package dev.p2pchat.protocol.stun;

import static dev.p2pchat.protocol.stun.StunConstants.ATTRIBUTE_HEADER_LENGTH;
import static dev.p2pchat.protocol.stun.StunConstants.FINGERPRINT;
import static dev.p2pchat.protocol.stun.StunConstants.FINGERPRINT_XOR;
import static dev.p2pchat.protocol.stun.StunConstants.HEADER_LENGTH;
import static dev.p2pchat.protocol.stun.StunConstants.MESSAGE_INTEGRITY;
import static dev.p2pchat.protocol.stun.StunConstants.MESSAGE_INTEGRITY_LENGTH;
import static dev.p2pchat.protocol.stun.StunConstants.MESSAGE_INTEGRITY_SHA256;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes and checks FINGERPRINT (RFC 8489 §14.7) and the two MESSAGE-INTEGRITY HMACs (§14.5, §14.6)
 * over raw message bytes. An HMAC covers the message up to its attribute, with the header's length
 * field set as if the message ended just after that attribute. Checks compare in constant time and
 * answer false for anything wrong: missing attribute, bad length, malformed message, wrong key.
 */
public final class StunIntegrity {
  private StunIntegrity() {}

  static final String HMAC_SHA1 = "HmacSHA1";
  static final String HMAC_SHA256 = "HmacSHA256";

  /** Whether the message ends with a FINGERPRINT that matches its bytes. */
  public static boolean verifyFingerprint(byte[] buf, int off, int len) {
    int at = StunDecoder.find(buf, off, len, FINGERPRINT);
    if (at < 0 || at + ATTRIBUTE_HEADER_LENGTH + 4 != len || StunDecoder.u16(buf, off + at + 2) != 4) {
      return false;
    }
    return fingerprint(buf, off, at) == StunDecoder.i32(buf, off + at + ATTRIBUTE_HEADER_LENGTH);
  }

  /** Whether the message's MESSAGE-INTEGRITY (HMAC-SHA1) was made with {@code key}. */
  public static boolean verify(byte[] buf, int off, int len, IntegrityKey key) {
    int at = StunDecoder.find(buf, off, len, MESSAGE_INTEGRITY);
    if (at < 0 || StunDecoder.u16(buf, off + at + 2) != MESSAGE_INTEGRITY_LENGTH) {
      return false;
    }
    return matches(HMAC_SHA1, key, buf, off, at, MESSAGE_INTEGRITY_LENGTH);
  }

  /** Whether the message's MESSAGE-INTEGRITY-SHA256 (possibly truncated) was made with {@code key}. */
  public static boolean verifySha256(byte[] buf, int off, int len, IntegrityKey key) {
    int at = StunDecoder.find(buf, off, len, MESSAGE_INTEGRITY_SHA256);
    if (at < 0) {
      return false;
    }
    int length = StunDecoder.u16(buf, off + at + 2);
    if (length < 16 || length > 32 || length % 4 != 0) {
      return false;
    }
    return matches(HMAC_SHA256, key, buf, off, at, length);
  }

  private static boolean matches(String algorithm, IntegrityKey key, byte[] buf, int off, int at, int length) {
    int lengthField = at + ATTRIBUTE_HEADER_LENGTH + length - HEADER_LENGTH;
    byte[] expected = Arrays.copyOf(hmac(algorithm, key, buf, off, at, lengthField), length);
    int valueStart = off + at + ATTRIBUTE_HEADER_LENGTH;
    return MessageDigest.isEqual(expected, Arrays.copyOfRange(buf, valueStart, valueStart + length));
  }

  /**
   * HMAC over {@code buf[off, off+upTo)} with the header's length field read as {@code lengthField}
   * (the bytes in {@code buf} are not changed).
   */
  static byte[] hmac(String algorithm, IntegrityKey key, byte[] buf, int off, int upTo, int lengthField) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key.bytes(), algorithm));
      mac.update(buf, off, 2);
      mac.update((byte) (lengthField >>> 8));
      mac.update((byte) lengthField);
      mac.update(buf, off + 4, upTo - 4);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has " + algorithm, e);
    }
  }

  /** CRC-32 of {@code buf[off, off+upTo)} XOR "STUN". */
  static int fingerprint(byte[] buf, int off, int upTo) {
    CRC32 crc = new CRC32();
    crc.update(buf, off, upTo);
    return (int) crc.getValue() ^ FINGERPRINT_XOR;
  }
}
