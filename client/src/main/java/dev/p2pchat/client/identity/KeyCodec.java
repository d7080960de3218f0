package dev.p2pchat.client.identity;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Converts between raw 32-byte keys (RFC 8032 / RFC 7748) and the JDK's key objects.
 *
 * <p>The JDK encodes these keys as X.509 SubjectPublicKeyInfo and PKCS#8 with a fixed DER prefix
 * (RFC 8410 §4 and §7), so the raw bytes are the last 32 bytes after that prefix.
 */
public final class KeyCodec {
  /** RFC 8410 algorithm names as the JDK knows them. */
  public static final String ED25519 = "Ed25519";
  public static final String X25519 = "X25519";

  private static final HexFormat HEX = HexFormat.of();
  // RFC 8410 §4: SEQUENCE { SEQUENCE { OID 1.3.101.112 / .110 }, BIT STRING (0 unused bits) }
  private static final byte[] ED25519_SPKI = HEX.parseHex("302a300506032b6570032100");
  private static final byte[] X25519_SPKI = HEX.parseHex("302a300506032b656e032100");
  // RFC 8410 §7: OneAsymmetricKey v0 { version, algorithm, OCTET STRING { OCTET STRING key } }
  private static final byte[] ED25519_PKCS8 = HEX.parseHex("302e020100300506032b657004220420");
  private static final byte[] X25519_PKCS8 = HEX.parseHex("302e020100300506032b656e04220420");

  private KeyCodec() {}

  public static SigningPublicKey signingPublic(PublicKey key) {
    return SigningPublicKey.of(stripPrefix(key.getEncoded(), ED25519_SPKI));
  }

  public static DhPublicKey dhPublic(PublicKey key) {
    return DhPublicKey.of(stripPrefix(key.getEncoded(), X25519_SPKI));
  }

  public static PublicKey jdkSigningPublic(SigningPublicKey key) {
    return publicKey(ED25519, concat(ED25519_SPKI, key.bytes()));
  }

  public static PublicKey jdkDhPublic(DhPublicKey key) {
    return publicKey(X25519, concat(X25519_SPKI, key.bytes()));
  }

  /** The raw 32-byte private key (Ed25519 seed or X25519 scalar). The caller must wipe it. */
  static byte[] rawPrivate(PrivateKey key) {
    byte[] prefix = switch (key.getAlgorithm()) {
      case "EdDSA", ED25519 -> ED25519_PKCS8;
      case "XDH", X25519 -> X25519_PKCS8;
      default -> throw new IllegalArgumentException("not an Ed25519/X25519 key: " + key.getAlgorithm());
    };
    return stripPrefix(key.getEncoded(), prefix);
  }

  /**
   * Rebuilds the key pair for a raw private key. The JDK cannot derive a public key from a private one
   * directly, but its key pair generators draw exactly the 32 private bytes from the random source,
   * so feeding them those bytes yields the matching pair.
   */
  static KeyPair keyPairFromPrivate(String algorithm, byte[] rawPrivate) {
    if (rawPrivate.length != RawPublicKey.LENGTH) {
      throw new IllegalArgumentException("private key must be 32 bytes, got " + rawPrivate.length);
    }
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      generator.initialize(new NamedParameterSpec(algorithm), new FixedBytes(rawPrivate));
      KeyPair pair = generator.generateKeyPair();
      if (!Arrays.equals(rawPrivate(pair.getPrivate()), rawPrivate)) {
        throw new IllegalStateException("JDK key generator did not reproduce the private key");
      }
      return pair;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " unavailable in this JDK", e);
    }
  }

  static KeyPair generate(String algorithm, SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      generator.initialize(new NamedParameterSpec(algorithm), random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " unavailable in this JDK", e);
    }
  }

  static PrivateKey privateKey(String algorithm, byte[] raw) {
    byte[] prefix = algorithm.equals(ED25519) ? ED25519_PKCS8 : X25519_PKCS8;
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(concat(prefix, raw)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("invalid " + algorithm + " private key", e);
    }
  }

  private static PublicKey publicKey(String algorithm, byte[] spki) {
    try {
      return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(spki));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("invalid " + algorithm + " public key", e);
    }
  }

  private static byte[] stripPrefix(byte[] encoded, byte[] prefix) {
    if (encoded.length != prefix.length + RawPublicKey.LENGTH
        || !Arrays.equals(encoded, 0, prefix.length, prefix, 0, prefix.length)) {
      throw new IllegalArgumentException("unexpected key encoding (" + encoded.length + " bytes)");
    }
    return Arrays.copyOfRange(encoded, prefix.length, encoded.length);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** A "random" source that hands out one fixed byte string: used only to rebuild a known key pair. */
  private static final class FixedBytes extends SecureRandom {
    private final byte[] bytes;
    private int used;

    FixedBytes(byte[] bytes) {
      this.bytes = bytes.clone();
    }

    @Override
    public void nextBytes(byte[] out) {
      if (used + out.length > bytes.length) {
        throw new IllegalStateException("key generator asked for more than the private key bytes");
      }
      System.arraycopy(bytes, used, out, 0, out.length);
      used += out.length;
    }
  }
}
