package dev.p2pchat.client.identity;

import java.security.MessageDigest;
import java.util.Base64;

/**
 * A 32-byte public key in its raw wire form (RFC 8032 / RFC 7748 encoding). Each key kind has its own
 * subtype so that a signing key can never be passed where a Diffie-Hellman key is expected.
 * {@link #toString()} never prints the bytes; use {@link #base64()} where the wire needs them.
 */
public abstract sealed class RawPublicKey permits SigningPublicKey, DhPublicKey {
  /** Both X25519 and Ed25519 public keys are 32 bytes. */
  public static final int LENGTH = 32;

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

  private final byte[] raw;

  RawPublicKey(byte[] raw) {
    if (raw.length != LENGTH) {
      throw new IllegalArgumentException(kind() + " must be " + LENGTH + " bytes, got " + raw.length);
    }
    this.raw = raw.clone();
  }

  /** A short name of the key kind for messages, e.g. "Ed25519 public key". */
  abstract String kind();

  /** A copy of the raw 32 bytes. */
  public final byte[] bytes() {
    return raw.clone();
  }

  /** The key as base64url without padding, the form docs/api.md uses on the wire. */
  public final String base64() {
    return B64.encodeToString(raw);
  }

  static byte[] decodeBase64(String text, String kind) {
    byte[] raw;
    try {
      raw = B64_DECODER.decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(kind + " is not base64url", e);
    }
    if (raw.length != LENGTH) {
      throw new IllegalArgumentException(kind + " must be " + LENGTH + " bytes, got " + raw.length);
    }
    return raw;
  }

  @Override
  public final boolean equals(Object o) {
    return o != null
        && o.getClass() == getClass()
        && MessageDigest.isEqual(raw, ((RawPublicKey) o).raw);
  }

  @Override
  public final int hashCode() {
    return (raw[0] & 0xff) | (raw[1] & 0xff) << 8 | (raw[2] & 0xff) << 16 | (raw[3] & 0xff) << 24;
  }

  @Override
  public final String toString() {
    return kind();
  }
}
