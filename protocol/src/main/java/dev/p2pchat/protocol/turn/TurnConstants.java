package dev.p2pchat.protocol.turn;

/** Numbers of TURN's ChannelData framing (RFC 8656 §12). The TURN STUN attributes are in StunConstants. */
public final class TurnConstants {
  private TurnConstants() {}

  /** RFC 8656 §12: channel numbers a client may bind; RFC 7983 demultiplexes first bytes 64-79 as TURN. */
  public static final int MIN_CHANNEL = 0x4000;

  public static final int MAX_CHANNEL = 0x4FFF;

  /** RFC 8656 §12.4: channel number (16 bits) and length (16 bits). */
  public static final int CHANNEL_DATA_HEADER_LENGTH = 4;

  /** RFC 8656 §12.4: the length field is 16 bits. */
  public static final int MAX_CHANNEL_DATA_LENGTH = 0xFFFF;
}
