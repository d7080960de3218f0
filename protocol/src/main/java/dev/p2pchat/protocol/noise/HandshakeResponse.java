package dev.p2pchat.protocol.noise;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Handshake response (type 0xD3).
 * <pre>
 *  0      1         2               6                10
 *  +------+---------+---------------+----------------+------------------------+
 *  | 0xD3 | version | sender index  | receiver index | Noise message 2 ...    |
 *  +------+---------+---------------+----------------+------------------------+
 * </pre>
 * The receiver index is the initiator's sender index; the sender index is the responder's own.
 */
public record HandshakeResponse(ProtocolVersion version, int senderIndex, int receiverIndex, byte[] noise)
    implements WireMessage {
  public static final int HEADER_LENGTH = 10;

  public HandshakeResponse {
    noise = noise.clone();
  }

  @Override
  public byte[] noise() {
    return noise.clone();
  }

  @Override
  public byte[] encode() {
    return ByteBuffer.allocate(HEADER_LENGTH + noise.length).put(NoiseWire.TYPE_RESPONSE).put((byte) version.wire())
        .putInt(senderIndex).putInt(receiverIndex).put(noise).array();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HandshakeResponse that && version == that.version && senderIndex == that.senderIndex
        && receiverIndex == that.receiverIndex && Arrays.equals(noise, that.noise);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * version.hashCode() + senderIndex) + receiverIndex) + Arrays.hashCode(noise);
  }

  @Override
  public String toString() {
    return "HandshakeResponse[" + version + ", sender=" + Integer.toUnsignedString(senderIndex)
        + ", receiver=" + Integer.toUnsignedString(receiverIndex) + ", noise=" + noise.length + " bytes]";
  }
}
