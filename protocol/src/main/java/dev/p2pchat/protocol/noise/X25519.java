package dev.p2pchat.protocol.noise;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Optional;
import javax.crypto.KeyAgreement;

/**
 * X25519 (RFC 7748) over the JDK's {@code KeyAgreement "X25519"}, with the conversions between the
 * raw 32-byte encodings Noise puts on the wire and the JDK's key objects.
 */
final class X25519 {
  private X25519() {}

  private static final BigInteger BASE_POINT_U = BigInteger.valueOf(9);

  /** Noise §4.1 DH(): the 32-byte shared secret, or empty for a small-order peer key. */
  static Optional<byte[]> sharedSecret(NoisePrivateKey privateKey, NoisePublicKey publicKey) {
    return agree(toJdk(privateKey), toJdk(publicKey));
  }

  static NoisePublicKey publicKeyOf(NoisePrivateKey privateKey) {
    PublicKey base = publicKeyFromU(BASE_POINT_U);
    byte[] u = agree(toJdk(privateKey), base)
        .orElseThrow(() -> new IllegalStateException("the base point has prime order"));
    return NoisePublicKey.ofRaw(u);
  }

  /**
   * RFC 7748 §6.1: a peer may send a small-order point so that the shared secret is all zeros;
   * Noise §12.1 lets implementations reject it, and we do. The JDK already refuses such points
   * ("Point has small order"); the explicit zero check holds even where a provider does not.
   */
  private static Optional<byte[]> agree(PrivateKey privateKey, PublicKey publicKey) {
    try {
      KeyAgreement agreement = KeyAgreement.getInstance("X25519");
      agreement.init(privateKey);
      agreement.doPhase(publicKey, true);
      byte[] secret = agreement.generateSecret();
      return isAllZero(secret) ? Optional.empty() : Optional.of(secret);
    } catch (InvalidKeyException | IllegalStateException e) {
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("X25519 is in every JDK since 11", e);
    }
  }

  static boolean isAllZero(byte[] bytes) {
    int acc = 0;
    for (byte b : bytes) {
      acc |= b;
    }
    return acc == 0;
  }

  /** RFC 7748 §5 decodeUCoordinate: little-endian, most significant bit of the last byte masked. */
  static PublicKey toJdk(NoisePublicKey key) {
    byte[] raw = key.raw();
    raw[NoiseSpec.DH_LENGTH - 1] &= 0x7f;
    return publicKeyFromU(new BigInteger(1, reverse(raw)));
  }

  /** The raw encoding of a JDK X25519 public key: its u-coordinate, 32 bytes little-endian. */
  static NoisePublicKey fromJdk(XECPublicKey key) {
    byte[] bigEndian = key.getU().toByteArray();
    byte[] little = new byte[NoiseSpec.DH_LENGTH];
    for (int i = 0; i < little.length && i < bigEndian.length; i++) {
      little[i] = bigEndian[bigEndian.length - 1 - i];
    }
    return NoisePublicKey.ofRaw(little);
  }

  static PrivateKey toJdk(NoisePrivateKey key) {
    try {
      return KeyFactory.getInstance("X25519")
          .generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, key.raw()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("X25519 is in every JDK since 11", e);
    }
  }

  private static PublicKey publicKeyFromU(BigInteger u) {
    try {
      return KeyFactory.getInstance("X25519")
          .generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, u));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("X25519 is in every JDK since 11", e);
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
