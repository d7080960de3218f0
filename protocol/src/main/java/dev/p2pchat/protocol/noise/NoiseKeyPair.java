package dev.p2pchat.protocol.noise;

import java.util.random.RandomGenerator;

/**
 * An X25519 key pair (Noise §4.1 GENERATE_KEYPAIR). Randomness is a parameter, so tests can
 * replay a handshake with fixed ephemeral keys; production passes a {@link
 * java.security.SecureRandom}.
 */
public record NoiseKeyPair(NoisePrivateKey privateKey, NoisePublicKey publicKey) {

  public NoiseKeyPair {
    if (privateKey == null || publicKey == null) {
      throw new IllegalArgumentException("both halves of a key pair are required");
    }
  }

  /** A fresh key pair from 32 bytes of {@code random}: use a SecureRandom outside tests. */
  public static NoiseKeyPair generate(RandomGenerator random) {
    byte[] secret = new byte[NoiseSpec.DH_LENGTH];
    random.nextBytes(secret);
    return fromPrivate(NoisePrivateKey.ofRaw(secret));
  }

  /** The pair of a known private key: its public key is X25519(private, 9) (RFC 7748 §6.1). */
  public static NoiseKeyPair fromPrivate(NoisePrivateKey privateKey) {
    return new NoiseKeyPair(privateKey, X25519.publicKeyOf(privateKey));
  }

  @Override
  public String toString() {
    return "NoiseKeyPair[" + publicKey + "]";
  }
}
