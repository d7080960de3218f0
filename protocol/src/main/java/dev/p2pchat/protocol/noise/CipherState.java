package dev.p2pchat.protocol.noise;

import java.util.Optional;

/**
 * Noise §5.1 CipherState: a key {@code k} (possibly empty) and a 64-bit nonce {@code n}, unsigned.
 * With an empty key, encryption and decryption pass data through unchanged (handshake messages
 * before the first DH).
 *
 * <p>Not thread-safe: each belongs to one handshake or one direction of one session.
 */
public final class CipherState {
  private byte[] key;
  private long nonce;

  CipherState() {}

  /** InitializeKey(key): {@code null} empties the key; the nonce restarts at 0. */
  void initializeKey(byte[] newKey) {
    this.key = newKey == null ? null : newKey.clone();
    this.nonce = 0;
  }

  public boolean hasKey() {
    return key != null;
  }

  /** SetNonce(nonce), for transports that carry the nonce explicitly (§11.4 out-of-order). */
  public void setNonce(long newNonce) {
    this.nonce = newNonce;
  }

  public long nonce() {
    return nonce;
  }

  /**
   * EncryptWithAd(ad, plaintext) with the implicit nonce, which then advances.
   *
   * @throws IllegalStateException once the nonce reached the reserved 2^64-1: the caller must have
   *     rekeyed long before
   */
  public byte[] encryptWithAd(byte[] ad, byte[] plaintext) {
    if (!hasKey()) {
      return plaintext.clone();
    }
    if (nonce == NoiseSpec.MAX_NONCE) {
      throw new IllegalStateException("nonce exhausted: 2^64-1 is reserved (Noise §5.1)");
    }
    byte[] ciphertext = ChaChaPoly.encrypt(key, nonce, ad, plaintext);
    nonce++;
    return ciphertext;
  }

  /**
   * DecryptWithAd(ad, ciphertext): the plaintext, or empty when authentication fails (the nonce
   * then does not advance, as §5.1 requires) or the nonce is exhausted.
   */
  public Optional<byte[]> decryptWithAd(byte[] ad, byte[] ciphertext) {
    if (!hasKey()) {
      return Optional.of(ciphertext.clone());
    }
    if (nonce == NoiseSpec.MAX_NONCE) {
      return Optional.empty();
    }
    Optional<byte[]> plaintext = ChaChaPoly.decrypt(key, nonce, ad, ciphertext, 0, ciphertext.length);
    if (plaintext.isPresent()) {
      nonce++;
    }
    return plaintext;
  }

  /** §11.3 REKEY(k): the first 32 bytes of ENCRYPT(k, 2^64-1, empty, 32 zero bytes). */
  public void rekey() {
    if (!hasKey()) {
      throw new IllegalStateException("no key to rekey");
    }
    byte[] encrypted = ChaChaPoly.encrypt(key, NoiseSpec.MAX_NONCE, new byte[0], new byte[NoiseSpec.KEY_LENGTH]);
    key = java.util.Arrays.copyOf(encrypted, NoiseSpec.KEY_LENGTH);
  }

  /** The raw key, for moving it into a transport channel with explicit counters. */
  byte[] key() {
    if (!hasKey()) {
      throw new IllegalStateException("no key");
    }
    return key.clone();
  }
}
