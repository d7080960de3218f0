package dev.p2pchat.protocol.noise;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Noise §5.2 SymmetricState: the chaining key {@code ck}, the handshake hash {@code h} and the
 * CipherState they key.
 */
final class SymmetricState {
  private final CipherState cipher = new CipherState();
  private byte[] chainingKey;
  private byte[] hash;

  /** InitializeSymmetric(protocol_name). */
  SymmetricState(String protocolName) {
    byte[] name = protocolName.getBytes(StandardCharsets.US_ASCII);
    hash = name.length <= NoiseSpec.HASH_LENGTH ? Arrays.copyOf(name, NoiseSpec.HASH_LENGTH) : Hkdf.sha256(name);
    chainingKey = hash.clone();
    cipher.initializeKey(null);
  }

  void mixKey(byte[] inputKeyMaterial) {
    byte[][] out = Hkdf.two(chainingKey, inputKeyMaterial);
    chainingKey = out[0];
    cipher.initializeKey(out[1]);
  }

  void mixHash(byte[] data) {
    hash = Hkdf.sha256(hash, data);
  }

  byte[] handshakeHash() {
    return hash.clone();
  }

  boolean hasKey() {
    return cipher.hasKey();
  }

  byte[] encryptAndHash(byte[] plaintext) {
    byte[] ciphertext = cipher.encryptWithAd(hash, plaintext);
    mixHash(ciphertext);
    return ciphertext;
  }

  Optional<byte[]> decryptAndHash(byte[] ciphertext) {
    Optional<byte[]> plaintext = cipher.decryptWithAd(hash, ciphertext);
    if (plaintext.isPresent()) {
      mixHash(ciphertext);
    }
    return plaintext;
  }

  /** Split(): the initiator-to-responder and responder-to-initiator CipherStates, in that order. */
  CipherState[] split() {
    byte[][] keys = Hkdf.two(chainingKey, new byte[0]);
    CipherState first = new CipherState();
    first.initializeKey(keys[0]);
    CipherState second = new CipherState();
    second.initializeKey(keys[1]);
    return new CipherState[] {first, second};
  }
}
