package dev.p2pchat.protocol.turn;

import static dev.p2pchat.protocol.turn.TurnConstants.MAX_CHANNEL;
import static dev.p2pchat.protocol.turn.TurnConstants.MAX_CHANNEL_DATA_LENGTH;
import static dev.p2pchat.protocol.turn.TurnConstants.MIN_CHANNEL;

import java.util.Arrays;

/**
 * A ChannelData message (RFC 8656 §12.4): application data relayed on a bound channel, with 4 bytes of
 * framing instead of a 36-byte Send indication.
 *
 * <pre>
 *  0                   1                   2                   3
 * |         Channel Number        |            Length             |
 * |                       Application Data ...                    |
 * </pre>
 *
 * The data is copied in and out.
 */
public record ChannelData(int channel, byte[] data) {

  public ChannelData {
    if (channel < MIN_CHANNEL || channel > MAX_CHANNEL) {
      throw new IllegalArgumentException(String.format("channel 0x%04x is outside 0x4000-0x4FFF", channel));
    }
    if (data.length > MAX_CHANNEL_DATA_LENGTH) {
      throw new IllegalArgumentException("ChannelData carries at most 65535 bytes, not " + data.length);
    }
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /** The data length without copying. */
  public int length() {
    return data.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChannelData other && channel == other.channel && Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return 31 * channel + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return String.format("ChannelData[0x%04x, %d bytes]", channel, data.length);
  }
}
