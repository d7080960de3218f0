package dev.p2pchat.protocol.identity;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.NamedParameterSpec;

/**
 * A user's long-term Ed25519 key pair, held by the client (and by tests). Built from the 32-byte
 * seed of RFC 8032 §5.1.5, which is what a client stores. {@link #toString()} never prints the
 * seed.
 */
public final class SigningKeyPair {
  private final byte[] seed;
  private final PrivateKey privateKey;
  private final SigningPublicKey publicKey;

  private SigningKeyPair(byte[] seed, PrivateKey privateKey, SigningPublicKey publicKey) {
    this.seed = seed;
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  /** A fresh key pair from {@code random}. */
  public static SigningKeyPair generate(SecureRandom random) {
    byte[] seed = new byte[Ed25519.SEED_LENGTH];
    random.nextBytes(seed);
    return fromSeed(seed);
  }

  /** The key pair of a stored 32-byte seed; the public key is derived by the JDK. */
  public static SigningKeyPair fromSeed(byte[] seed) {
    byte[] copy = RawKey.checkedCopy("seed", seed, Ed25519.SEED_LENGTH);
    try {
      // The JDK derives the key pair from exactly SEED_LENGTH bytes read from the generator's
      // random source; feeding it the seed is the only JDK route from seed to public key.
      KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
      generator.initialize(NamedParameterSpec.ED25519, new SeedSource(copy));
      KeyPair pair = generator.generateKeyPair();
      SigningPublicKey publicKey = Ed25519.fromJdk((EdECPublicKey) pair.getPublic());
      return new SigningKeyPair(copy, pair.getPrivate(), publicKey);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
    }
  }

  public SigningPublicKey publicKey() {
    return publicKey;
  }

  /** A copy of the 32-byte seed, for the client's key file. */
  public byte[] seed() {
    return seed.clone();
  }

  /** The 64-byte Ed25519 signature of {@code message}. */
  public byte[] sign(byte[] message) {
    try {
      Signature signer = Ed25519.signer();
      signer.initSign(privateKey);
      signer.update(message);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing with a valid Ed25519 key cannot fail", e);
    }
  }

  @Override
  public String toString() {
    return "SigningKeyPair[" + publicKey.fingerprint() + "]";
  }

  /** Hands the seed to the JDK key generator, once. */
  private static final class SeedSource extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte[] seed;
    private boolean used;

    SeedSource(byte[] seed) {
      this.seed = seed;
    }

    @Override
    public void nextBytes(byte[] bytes) {
      if (used || bytes.length != seed.length) {
        throw new IllegalStateException("the Ed25519 generator asked for unexpected randomness");
      }
      used = true;
      System.arraycopy(seed, 0, bytes, 0, bytes.length);
    }
  }
}
