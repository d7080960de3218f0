package dev.p2pchat.protocol.identity;

import java.util.Base64;

/**
 * The text form of binary values on the signalling wire: base64url without padding (RFC 4648 §5).
 * Decoding is strict: padding, whitespace or characters of the standard alphabet are rejected, so
 * that one value has exactly one text form (the signature covers the text).
 */
public final class Base64Url {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private Base64Url() {}

  public static String encode(byte[] bytes) {
    return ENCODER.encodeToString(bytes);
  }

  /**
   * Decodes {@code text}, which must encode exactly {@code length} bytes.
   *
   * @throws IdentityFormatException naming {@code field} if the text is not canonical base64url
   *     without padding or has the wrong length
   */
  public static byte[] decode(String field, String text, int length) {
    if (text == null) {
      throw new IdentityFormatException(field, "missing");
    }
    if (text.length() != encodedLength(length)) {
      throw new IdentityFormatException(
          field, "must be " + length + " bytes as base64url without padding");
    }
    byte[] bytes;
    try {
      bytes = DECODER.decode(text);
    } catch (IllegalArgumentException e) {
      throw new IdentityFormatException(field, "not base64url");
    }
    // The JDK decoder ignores non-zero trailing bits; re-encoding rejects such non-canonical text.
    if (!encode(bytes).equals(text)) {
      throw new IdentityFormatException(field, "not canonical base64url");
    }
    return bytes;
  }

  /** Length in characters of {@code byteCount} bytes encoded without padding. */
  static int encodedLength(int byteCount) {
    return (byteCount * 8 + 5) / 6;
  }
}
