package dev.p2pchat.protocol.turn;

import static dev.p2pchat.protocol.turn.TurnConstants.CHANNEL_DATA_HEADER_LENGTH;
import static dev.p2pchat.protocol.turn.TurnConstants.MAX_CHANNEL;
import static dev.p2pchat.protocol.turn.TurnConstants.MIN_CHANNEL;

import dev.p2pchat.protocol.turn.ChannelDataParseException.Reason;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads and writes ChannelData (RFC 8656 §12.4, §12.5). Over UDP the data need not be padded; a
 * datagram may still carry padding up to the next multiple of 4, which is accepted and dropped. More
 * than that is an error: a datagram holds one message.
 */
public final class ChannelDataCodec {
  private ChannelDataCodec() {}

  /** First-byte test for a demultiplexer: 0x40-0x4F (RFC 7983) with room for the header. */
  public static boolean looksLikeChannelData(byte[] buf, int off, int len) {
    return len >= CHANNEL_DATA_HEADER_LENGTH && (buf[off] & 0xF0) == 0x40;
  }

  public static ChannelData decode(byte[] buf, int off, int len) throws ChannelDataParseException {
    Objects.checkFromIndexSize(off, len, buf.length);
    if (len < CHANNEL_DATA_HEADER_LENGTH) {
      throw new ChannelDataParseException(Reason.TRUNCATED, len + " bytes");
    }
    int channel = ((buf[off] & 0xFF) << 8) | (buf[off + 1] & 0xFF);
    int length = ((buf[off + 2] & 0xFF) << 8) | (buf[off + 3] & 0xFF);
    if (channel < MIN_CHANNEL || channel > MAX_CHANNEL) {
      throw new ChannelDataParseException(Reason.BAD_CHANNEL, String.format("0x%04x", channel));
    }
    int available = len - CHANNEL_DATA_HEADER_LENGTH;
    if (available < length) {
      throw new ChannelDataParseException(Reason.TRUNCATED, "length " + length + " but " + available + " bytes");
    }
    if (available > ((length + 3) & ~3)) {
      throw new ChannelDataParseException(Reason.TRAILING_BYTES, (available - length) + " bytes after the data");
    }
    int start = off + CHANNEL_DATA_HEADER_LENGTH;
    return new ChannelData(channel, Arrays.copyOfRange(buf, start, start + length));
  }

  /** The wire bytes; with {@code pad} the data is zero-padded to a multiple of 4 (required over TCP). */
  public static byte[] encode(ChannelData message, boolean pad) {
    int length = message.length();
    int padded = pad ? (length + 3) & ~3 : length;
    byte[] out = new byte[CHANNEL_DATA_HEADER_LENGTH + padded];
    out[0] = (byte) (message.channel() >>> 8);
    out[1] = (byte) message.channel();
    out[2] = (byte) (length >>> 8);
    out[3] = (byte) length;
    System.arraycopy(message.data(), 0, out, CHANNEL_DATA_HEADER_LENGTH, length);
    return out;
  }
}
