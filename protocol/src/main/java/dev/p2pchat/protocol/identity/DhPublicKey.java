package dev.p2pchat.protocol.identity;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;

/**
 * A user's long-term X25519 public key (RFC 7748 §5): 32 raw bytes, the little-endian
 * u-coordinate. Peers use it as the static key of the Noise handshake; the server only stores and
 * hands it out. Compares in constant time; {@link #toString()} shows only a fingerprint.
 */
public final class DhPublicKey {
  /** RFC 7748 §5: X25519 public keys are 32 bytes. */
  public static final int LENGTH = 32;

  private final byte[] raw;

  private DhPublicKey(byte[] raw) {
    this.raw = raw;
  }

  public static DhPublicKey ofRaw(byte[] raw) {
    return new DhPublicKey(RawKey.checkedCopy("dh_key", raw, LENGTH));
  }

  /** Parses the wire form (base64url without padding). */
  public static DhPublicKey fromText(String text) {
    return new DhPublicKey(Base64Url.decode("dh_key", text, LENGTH));
  }

  /** The raw form of a JDK X25519 public key. */
  public static DhPublicKey fromJdk(XECPublicKey key) {
    byte[] bigEndian = key.getU().toByteArray();
    byte[] little = new byte[LENGTH];
    for (int i = 0; i < LENGTH && i < bigEndian.length; i++) {
      little[i] = bigEndian[bigEndian.length - 1 - i];
    }
    return new DhPublicKey(little);
  }

  /**
   * This key as a JDK X25519 public key. RFC 7748 §5: the most significant bit of the last byte is
   * masked when decoding.
   */
  public PublicKey toJdk() {
    byte[] bigEndian = new byte[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      bigEndian[i] = raw[LENGTH - 1 - i];
    }
    bigEndian[0] &= 0x7f;
    try {
      return KeyFactory.getInstance("X25519")
          .generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, bigEndian)));
    } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
      throw new IllegalStateException("X25519 is part of every JDK since 11", e);
    }
  }

  public byte[] raw() {
    return raw.clone();
  }

  public String toText() {
    return Base64Url.encode(raw);
  }

  /** A short one-way fingerprint (hex), safe to log. */
  public String fingerprint() {
    return RawKey.fingerprint(raw);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DhPublicKey that && RawKey.constantTimeEquals(raw, that.raw);
  }

  @Override
  public int hashCode() {
    return RawKey.hash(raw);
  }

  @Override
  public String toString() {
    return "DhPublicKey[" + fingerprint() + "]";
  }
}
