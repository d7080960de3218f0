package dev.p2pchat.protocol.noise;

import java.security.MessageDigest;

/**
 * An X25519 private key: 32 raw bytes, the scalar before clamping (RFC 7748 §5; the JDK clamps).
 * Never prints itself; compares in constant time.
 */
public final class NoisePrivateKey {
  private final byte[] raw;

  private NoisePrivateKey(byte[] raw) {
    this.raw = raw;
  }

  /** @throws IllegalArgumentException unless {@code raw} is exactly 32 bytes */
  public static NoisePrivateKey ofRaw(byte[] raw) {
    if (raw == null || raw.length != NoiseSpec.DH_LENGTH) {
      throw new IllegalArgumentException("an X25519 private key is " + NoiseSpec.DH_LENGTH + " bytes");
    }
    return new NoisePrivateKey(raw.clone());
  }

  /** A copy of the secret bytes, for storing the key; the caller must keep them secret. */
  public byte[] raw() {
    return raw.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NoisePrivateKey that && MessageDigest.isEqual(raw, that.raw);
  }

  @Override
  public int hashCode() {
    // Not derived from the secret: a hash table of private keys must not leak them through timing.
    return NoisePrivateKey.class.hashCode();
  }

  @Override
  public String toString() {
    return "NoisePrivateKey[redacted]";
  }
}
