package dev.p2pchat.client.identity;

import dev.p2pchat.protocol.identity.DhPublicKey;
import dev.p2pchat.protocol.noise.NoiseKeyPair;
import dev.p2pchat.protocol.noise.NoisePrivateKey;
import dev.p2pchat.protocol.noise.NoisePublicKey;
import java.security.SecureRandom;

/**
 * The user's long-term X25519 key pair (RFC 7748): the static key "s" of the Noise handshake, and
 * the {@code dh_key} the server registers. One key, two views: {@link #noiseKeyPair()} for the
 * session layer, {@link #publicKey()} for the registry and contacts. {@link #toString()} never prints
 * the private key.
 */
public final class DhKeyPair {
  /** RFC 7748 §5: X25519 private keys are 32 bytes. */
  public static final int PRIVATE_LENGTH = 32;

  private final NoiseKeyPair noise;
  private final DhPublicKey publicKey;

  private DhKeyPair(NoiseKeyPair noise) {
    this.noise = noise;
    this.publicKey = DhPublicKey.ofRaw(noise.publicKey().raw());
  }

  public static DhKeyPair generate(SecureRandom random) {
    return new DhKeyPair(NoiseKeyPair.generate(random));
  }

  /** The key pair of a stored 32-byte private key; the public key is derived. */
  public static DhKeyPair fromPrivate(byte[] scalar) {
    return new DhKeyPair(NoiseKeyPair.fromPrivate(NoisePrivateKey.ofRaw(scalar)));
  }

  /** The registry's view of a peer's DH key, as Noise needs it. */
  public static NoisePublicKey toNoise(DhPublicKey key) {
    return NoisePublicKey.ofRaw(key.raw());
  }

  public DhPublicKey publicKey() {
    return publicKey;
  }

  /** This key pair as the Noise handshake's local static key. */
  public NoiseKeyPair noiseKeyPair() {
    return noise;
  }

  /** A copy of the 32-byte private scalar, for the key file. The caller must wipe it. */
  byte[] privateBytes() {
    return noise.privateKey().raw();
  }

  @Override
  public String toString() {
    return "DhKeyPair[" + publicKey.fingerprint() + "]";
  }
}
