package dev.p2pchat.protocol.noise;

import dev.p2pchat.protocol.identity.DhPublicKey;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An X25519 public key as Noise carries it (RFC 7748 §5): 32 raw bytes, the little-endian
 * u-coordinate. Used for static and ephemeral keys alike. Compares in constant time; {@link
 * #toString()} shows a short fingerprint, never the key.
 */
public final class NoisePublicKey implements Comparable<NoisePublicKey> {
  private final byte[] raw;

  private NoisePublicKey(byte[] raw) {
    this.raw = raw;
  }

  /** @throws IllegalArgumentException unless {@code raw} is exactly 32 bytes */
  public static NoisePublicKey ofRaw(byte[] raw) {
    if (raw == null || raw.length != NoiseSpec.DH_LENGTH) {
      throw new IllegalArgumentException("an X25519 public key is " + NoiseSpec.DH_LENGTH + " bytes");
    }
    return new NoisePublicKey(raw.clone());
  }

  /** The Noise form of a registry key: the same 32 bytes, now usable in a handshake. */
  public static NoisePublicKey of(DhPublicKey registryKey) {
    return new NoisePublicKey(registryKey.raw());
  }

  public byte[] raw() {
    return raw.clone();
  }

  /** The first 8 bytes of SHA-256 of the key, in hex: names a key in logs without printing it. */
  public String fingerprint() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw);
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is in every JDK", e);
    }
  }

  /**
   * Unsigned lexicographic order of the raw bytes. Public keys are public, so this needs no
   * constant time; it is the deterministic tie-break of simultaneous initiation.
   */
  @Override
  public int compareTo(NoisePublicKey other) {
    return Arrays.compareUnsigned(raw, other.raw);
  }

  @Override
  public boolean equals(Object other) {
    // Constant time: comparing a presented key with a pinned one must not leak a prefix length.
    return other instanceof NoisePublicKey that && MessageDigest.isEqual(raw, that.raw);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(raw);
  }

  @Override
  public String toString() {
    return "NoisePublicKey[" + fingerprint() + "]";
  }
}
