package dev.p2pchat.protocol.noise;

/**
 * Constants of the Noise Protocol Framework, revision 34 (2018-07-11), for the one suite this
 * project speaks: {@code 25519_ChaChaPoly_SHA256}. Section numbers refer to that document.
 */
public final class NoiseSpec {
  private NoiseSpec() {}

  /** §3: every Noise message, handshake or transport, is at most 65535 bytes. */
  public static final int MAX_MESSAGE_LENGTH = 65535;

  /** §12.1: DHLEN for Curve25519: public keys and DH outputs are 32 bytes. */
  public static final int DH_LENGTH = 32;

  /** §12.3: HASHLEN for SHA-256. */
  public static final int HASH_LENGTH = 32;

  /** §12.3: BLOCKLEN for SHA-256 (the HMAC block size). */
  public static final int BLOCK_LENGTH = 64;

  /** §5.1: cipher keys are 32 bytes. */
  public static final int KEY_LENGTH = 32;

  /** §5: the AEAD authentication tag appended to every ciphertext is 16 bytes. */
  public static final int TAG_LENGTH = 16;

  /**
   * §5.1: the nonce 2^64-1 is reserved (it is the REKEY nonce, §11.3); a CipherState whose nonce
   * reached it refuses to encrypt or decrypt. Compared as unsigned.
   */
  public static final long MAX_NONCE = -1L;

  /** §8: the name's suffix naming DH, cipher and hash functions. */
  public static final String SUITE = "25519_ChaChaPoly_SHA256";

  /** §8: the full protocol name of a pattern in this suite, e.g. Noise_IK_25519_ChaChaPoly_SHA256. */
  public static String protocolName(String patternName) {
    return "Noise_" + patternName + "_" + SUITE;
  }
}
