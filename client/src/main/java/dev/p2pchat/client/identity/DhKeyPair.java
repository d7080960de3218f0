package dev.p2pchat.client.identity;

import dev.p2pchat.protocol.identity.DhPublicKey;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The user's long-term X25519 key pair (RFC 7748), the static key "s" of the Noise handshake. Built
 * from the 32-byte private scalar, which is what the key file stores. {@link #toString()} never
 * prints the private key.
 */
public final class DhKeyPair {
  /** RFC 7748 §5: X25519 private keys are 32 bytes. */
  public static final int PRIVATE_LENGTH = 32;

  // RFC 8410 §7: the JDK's PKCS#8 encoding of an X25519 key is this prefix followed by the 32 bytes.
  private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b656e04220420");

  private final KeyPair jdk;
  private final DhPublicKey publicKey;

  private DhKeyPair(KeyPair jdk) {
    this.jdk = jdk;
    this.publicKey = DhPublicKey.fromJdk((XECPublicKey) jdk.getPublic());
  }

  public static DhKeyPair generate(SecureRandom random) {
    byte[] scalar = new byte[PRIVATE_LENGTH];
    random.nextBytes(scalar);
    try {
      return fromPrivate(scalar);
    } finally {
      Arrays.fill(scalar, (byte) 0);
    }
  }

  /**
   * The key pair of a stored 32-byte private key. The JDK cannot derive an X25519 public key from a
   * private one directly, but its generator draws exactly the 32 private bytes from its random
   * source, so feeding it those bytes yields the matching pair.
   */
  public static DhKeyPair fromPrivate(byte[] scalar) {
    if (scalar.length != PRIVATE_LENGTH) {
      throw new IllegalArgumentException("X25519 private key must be 32 bytes, got " + scalar.length);
    }
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("X25519");
      generator.initialize(NamedParameterSpec.X25519, new FixedBytes(scalar));
      return new DhKeyPair(generator.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("X25519 is part of every JDK since 11", e);
    }
  }

  public DhPublicKey publicKey() {
    return publicKey;
  }

  /** The JDK private key, for a {@code KeyAgreement} in the Noise handshake. */
  public PrivateKey privateKey() {
    return jdk.getPrivate();
  }

  /** The JDK key pair, for APIs that want one. */
  public KeyPair jdkKeyPair() {
    return jdk;
  }

  /** A copy of the 32-byte private scalar, for the key file. The caller must wipe it. */
  byte[] privateBytes() {
    byte[] encoded = jdk.getPrivate().getEncoded();
    if (encoded.length != PKCS8_PREFIX.length + PRIVATE_LENGTH
        || !Arrays.equals(encoded, 0, PKCS8_PREFIX.length, PKCS8_PREFIX, 0, PKCS8_PREFIX.length)) {
      throw new IllegalStateException("unexpected X25519 private key encoding");
    }
    byte[] scalar = Arrays.copyOfRange(encoded, PKCS8_PREFIX.length, encoded.length);
    Arrays.fill(encoded, (byte) 0);
    return scalar;
  }

  @Override
  public String toString() {
    return "DhKeyPair[" + publicKey.fingerprint() + "]";
  }

  /** Hands a fixed byte string to the JDK key generator, once. */
  private static final class FixedBytes extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte[] bytes;
    private boolean used;

    FixedBytes(byte[] bytes) {
      this.bytes = bytes.clone();
    }

    @Override
    public void nextBytes(byte[] out) {
      if (used || out.length != bytes.length) {
        throw new IllegalStateException("the X25519 generator asked for unexpected randomness");
      }
      used = true;
      System.arraycopy(bytes, 0, out, 0, out.length);
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
