package dev.p2pchat.protocol.stun;

/**
 * Bytes that are not a well-formed STUN message. The decoder throws nothing else, whatever the input.
 * It carries why, where (offset from the start of the message) and, for attribute errors, which type.
 *
 * <p>No stack trace is captured: a server drops such packets by the thousand and only counts them.
 */
public final class StunParseException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What was wrong. */
  public enum Reason {
    /** Fewer than the 20 header bytes. */
    TRUNCATED_HEADER,
    /** The two leading bits are not zero (RFC 8489 §5): another protocol's packet. */
    NOT_STUN,
    /** The length field is not a multiple of 4 or does not match the datagram. */
    BAD_LENGTH,
    /** An attribute (with its padding) runs past the end of the message. */
    TRUNCATED_ATTRIBUTE,
    /** A known attribute whose value does not have the form its RFC gives. */
    MALFORMED_ATTRIBUTE,
    /** Something follows FINGERPRINT, which RFC 8489 §14.7 says must be last. */
    ATTRIBUTE_AFTER_FINGERPRINT
  }

  /** Attribute type for {@link #attributeType()} when the error is not about one attribute. */
  public static final int NO_ATTRIBUTE = -1;

  private final Reason reason;
  private final int offset;
  private final int attributeType;

  public StunParseException(Reason reason, int offset, int attributeType, String detail) {
    super(format(reason, offset, attributeType, detail), null, false, false);
    this.reason = reason;
    this.offset = offset;
    this.attributeType = attributeType;
  }

  public StunParseException(Reason reason, int offset, String detail) {
    this(reason, offset, NO_ATTRIBUTE, detail);
  }

  public Reason reason() {
    return reason;
  }

  /** Offset of the offending header or attribute from the start of the message. */
  public int offset() {
    return offset;
  }

  /** The offending attribute's type, or {@link #NO_ATTRIBUTE}. */
  public int attributeType() {
    return attributeType;
  }

  private static String format(Reason reason, int offset, int type, String detail) {
    String where = type == NO_ATTRIBUTE ? "" : String.format(" in attribute 0x%04x", type);
    return reason + where + " at offset " + offset + ": " + detail;
  }
}
