package dev.p2pchat.protocol.noise;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Transport data (type 0xD4).
 * <pre>
 *  0      1                5                               13
 *  +------+----------------+-------------------------------+-----------------------------+
 *  | 0xD4 | receiver index | counter (u64)                 | ciphertext + 16-byte tag    |
 *  +------+----------------+-------------------------------+-----------------------------+
 * </pre>
 * The ciphertext is ChaCha20-Poly1305 under the session's key with the counter as Noise nonce and
 * the 13 header bytes as associated data, so no header bit can be changed unnoticed.
 */
public record TransportData(int receiverIndex, long counter, byte[] ciphertext) implements WireMessage {
  public static final int HEADER_LENGTH = 13;

  public TransportData {
    ciphertext = ciphertext.clone();
  }

  @Override
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  /** The header bytes: the associated data of the AEAD. */
  public static byte[] header(int receiverIndex, long counter) {
    return ByteBuffer.allocate(HEADER_LENGTH).put(NoiseWire.TYPE_TRANSPORT).putInt(receiverIndex).putLong(counter)
        .array();
  }

  @Override
  public byte[] encode() {
    return ByteBuffer.allocate(HEADER_LENGTH + ciphertext.length).put(header(receiverIndex, counter))
        .put(ciphertext).array();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TransportData that && receiverIndex == that.receiverIndex && counter == that.counter
        && Arrays.equals(ciphertext, that.ciphertext);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * receiverIndex + Long.hashCode(counter)) + Arrays.hashCode(ciphertext);
  }

  @Override
  public String toString() {
    return "TransportData[receiver=" + Integer.toUnsignedString(receiverIndex) + ", counter="
        + Long.toUnsignedString(counter) + ", ciphertext=" + ciphertext.length + " bytes]";
  }
}
