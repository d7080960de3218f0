package dev.p2pchat.protocol.noise;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Handshake initiation (type 0xD2).
 * <pre>
 *  0      1         2                 6
 *  +------+---------+-----------------+------------------------------+
 *  | 0xD2 | version | sender index    | Noise message 1 ...          |
 *  +------+---------+-----------------+------------------------------+
 * </pre>
 * Integers are big-endian. The sender index is how the responder will address its response and
 * later transport data to the initiator.
 */
public record HandshakeInitiation(ProtocolVersion version, int senderIndex, byte[] noise) implements WireMessage {
  public static final int HEADER_LENGTH = 6;

  public HandshakeInitiation {
    noise = noise.clone();
  }

  @Override
  public byte[] noise() {
    return noise.clone();
  }

  /** The header bytes: type, version, sender index. */
  public byte[] header() {
    return ByteBuffer.allocate(HEADER_LENGTH).put(NoiseWire.TYPE_INITIATION).put((byte) version.wire())
        .putInt(senderIndex).array();
  }

  @Override
  public byte[] encode() {
    return ByteBuffer.allocate(HEADER_LENGTH + noise.length).put(header()).put(noise).array();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HandshakeInitiation that && version == that.version && senderIndex == that.senderIndex
        && Arrays.equals(noise, that.noise);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * version.hashCode() + senderIndex) + Arrays.hashCode(noise);
  }

  @Override
  public String toString() {
    return "HandshakeInitiation[" + version + ", sender=" + Integer.toUnsignedString(senderIndex)
        + ", noise=" + noise.length + " bytes]";
  }
}
