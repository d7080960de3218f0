package dev.p2pchat.protocol.turn;

/** Bytes that are not a well-formed ChannelData message; carries why. No stack trace, as for STUN. */
public final class ChannelDataParseException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What was wrong. */
  public enum Reason {
    /** Fewer than the 4 header bytes, or fewer data bytes than the length field says. */
    TRUNCATED,
    /** The channel number is outside 0x4000-0x4FFF. */
    BAD_CHANNEL,
    /** More bytes follow the data than padding to a multiple of 4 explains. */
    TRAILING_BYTES
  }

  private final Reason reason;

  public ChannelDataParseException(Reason reason, String detail) {
    super(reason + ": " + detail, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
