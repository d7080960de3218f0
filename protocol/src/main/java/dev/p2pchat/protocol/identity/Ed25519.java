package dev.p2pchat.protocol.identity;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;

/**
 * Ed25519 (RFC 8032) with the JDK provider, and the conversion between the 32-byte raw key of the
 * wire and the JDK's {@link EdECPoint}.
 *
 * <p>RFC 8032 §5.1.2 encodes a point as the little-endian y-coordinate with the sign (lowest bit)
 * of x in the most significant bit of the last byte; the JDK wants y as a number plus an "x is
 * odd" flag. The RFC 8032 §7.1 vectors in the tests prove this conversion.
 */
public final class Ed25519 {
  /** RFC 8032 §5.1.6: a signature is 64 octets (R || S). */
  public static final int SIGNATURE_LENGTH = 64;

  /** RFC 8032 §5.1.5: the private key is a 32-octet seed. */
  public static final int SEED_LENGTH = 32;

  private Ed25519() {}

  /**
   * True only if {@code signature} is a valid Ed25519 signature of {@code message} by {@code key}.
   * A malformed key or signature is simply not valid: this never throws for bad input.
   */
  public static boolean verify(SigningPublicKey key, byte[] message, byte[] signature) {
    if (signature == null || signature.length != SIGNATURE_LENGTH) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(toJdk(key));
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // An off-curve or non-canonical key, or a malformed signature: not a valid signature.
      return false;
    }
  }

  /** The JDK public key for a raw key (RFC 8032 §5.1.3 decoding, done by the JDK). */
  public static PublicKey toJdk(SigningPublicKey key) throws GeneralSecurityException {
    byte[] raw = key.raw();
    boolean xOdd = (raw[SigningPublicKey.LENGTH - 1] & 0x80) != 0;
    raw[SigningPublicKey.LENGTH - 1] &= 0x7f;
    BigInteger y = new BigInteger(1, reverse(raw));
    EdECPoint point = new EdECPoint(xOdd, y);
    return KeyFactory.getInstance("Ed25519")
        .generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
  }

  /** The raw 32-byte encoding (RFC 8032 §5.1.2) of a JDK public key. */
  public static SigningPublicKey fromJdk(EdECPublicKey key) {
    EdECPoint point = key.getPoint();
    byte[] bigEndian = point.getY().toByteArray();
    byte[] raw = new byte[SigningPublicKey.LENGTH];
    for (int i = 0; i < raw.length && i < bigEndian.length; i++) {
      raw[i] = bigEndian[bigEndian.length - 1 - i];
    }
    if (point.isXOdd()) {
      raw[SigningPublicKey.LENGTH - 1] |= (byte) 0x80;
    }
    return SigningPublicKey.ofRaw(raw);
  }

  static Signature signer() {
    try {
      return Signature.getInstance("Ed25519");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
    }
  }

  private static byte[] reverse(byte[] bytes) {
    byte[] out = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      out[i] = bytes[bytes.length - 1 - i];
    }
    return out;
  }
}
