package dev.p2pchat.protocol.stun;

import static dev.p2pchat.protocol.stun.StunConstants.ATTRIBUTE_HEADER_LENGTH;
import static dev.p2pchat.protocol.stun.StunConstants.HEADER_LENGTH;
import static dev.p2pchat.protocol.stun.StunConstants.MESSAGE_INTEGRITY;
import static dev.p2pchat.protocol.stun.StunConstants.MESSAGE_INTEGRITY_SHA256;

import dev.p2pchat.protocol.stun.StunParseException.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Decodes one STUN message from one datagram, strictly: the header length must match the datagram, be
 * a multiple of 4, and every attribute with its padding must fit. Padding bytes may hold anything (RFC
 * 8489 §14). Attributes after MESSAGE-INTEGRITY are skipped except MESSAGE-INTEGRITY-SHA256 and
 * FINGERPRINT, and after MESSAGE-INTEGRITY-SHA256 all but FINGERPRINT (§14.5, §14.6); nothing may
 * follow FINGERPRINT (§14.7). Messages without the magic cookie are RFC 3489 ones: decoded the same
 * way, with {@link TransactionId#isClassic()} set.
 *
 * <p>On any input it returns a message or throws {@link StunParseException}; it is fuzzed for that.
 */
public final class StunDecoder {
  private StunDecoder() {}

  public static StunMessage decode(byte[] buf, int off, int len) throws StunParseException {
    Objects.checkFromIndexSize(off, len, buf.length);
    checkHeader(buf, off, len);
    int cookieField = i32(buf, off + 4);
    TransactionId id = TransactionId.fromHeader(cookieField, Arrays.copyOfRange(buf, off + 8, off + HEADER_LENGTH));
    List<StunAttribute> attributes = new ArrayList<>();
    Trailer trailer = Trailer.NONE;
    int pos = off + HEADER_LENGTH;
    int end = off + len;
    while (pos < end) {
      int type = u16(buf, pos);
      int length = u16(buf, pos + 2);
      int next = nextAttribute(pos, length, end, off, type);
      if (trailer == Trailer.FINGERPRINT) {
        throw new StunParseException(Reason.ATTRIBUTE_AFTER_FINGERPRINT, pos - off, type, "FINGERPRINT must be last");
      }
      if (trailer.admits(type)) {
        var value = new AttributeValue(buf, pos + ATTRIBUTE_HEADER_LENGTH, length, type, pos - off);
        attributes.add(AttributeCodec.decode(value, id));
        trailer = trailer.after(type);
      }
      pos = next;
    }
    return new StunMessage(StunMessageType.fromWire(u16(buf, off)), id, attributes);
  }

  /**
   * Offset from {@code off} of the first attribute of {@code type} in a well-formed message, or -1 if
   * there is none or the message is malformed. Used to verify integrity over the raw bytes.
   */
  static int find(byte[] buf, int off, int len, int type) {
    try {
      checkHeader(buf, off, len);
      int end = off + len;
      for (int pos = off + HEADER_LENGTH; pos < end; ) {
        int t = u16(buf, pos);
        int next = nextAttribute(pos, u16(buf, pos + 2), end, off, t);
        if (t == type) {
          return pos - off;
        }
        pos = next;
      }
      return -1;
    } catch (StunParseException e) {
      return -1;
    }
  }

  private static void checkHeader(byte[] buf, int off, int len) throws StunParseException {
    if (len < HEADER_LENGTH) {
      throw new StunParseException(Reason.TRUNCATED_HEADER, 0, len + " bytes");
    }
    if ((buf[off] & 0xC0) != 0) {
      throw new StunParseException(Reason.NOT_STUN, 0, String.format("first byte 0x%02x", buf[off] & 0xFF));
    }
    int bodyLength = u16(buf, off + 2);
    if (bodyLength % 4 != 0 || HEADER_LENGTH + bodyLength != len) {
      throw new StunParseException(Reason.BAD_LENGTH, 2, "length field " + bodyLength + " in a datagram of " + len);
    }
  }

  /** Where the attribute at {@code pos} ends, its value padded to 4 bytes; it must fit the message. */
  private static int nextAttribute(int pos, int length, int end, int off, int type) throws StunParseException {
    int next = pos + ATTRIBUTE_HEADER_LENGTH + AttributeCodec.pad4(length);
    if (next > end) {
      throw new StunParseException(Reason.TRUNCATED_ATTRIBUTE, pos - off, type, "value of " + length + " bytes");
    }
    return next;
  }

  /** Which trailing integrity attributes have been seen, and so which attributes still count. */
  private enum Trailer {
    NONE,
    INTEGRITY,
    INTEGRITY_SHA256,
    FINGERPRINT;

    boolean admits(int type) {
      return switch (this) {
        case NONE -> true;
        case INTEGRITY -> type == MESSAGE_INTEGRITY_SHA256 || type == StunConstants.FINGERPRINT;
        case INTEGRITY_SHA256 -> type == StunConstants.FINGERPRINT;
        case FINGERPRINT -> false;
      };
    }

    Trailer after(int type) {
      return switch (type) {
        case MESSAGE_INTEGRITY -> INTEGRITY;
        case MESSAGE_INTEGRITY_SHA256 -> INTEGRITY_SHA256;
        case StunConstants.FINGERPRINT -> FINGERPRINT;
        default -> this;
      };
    }
  }

  static int u16(byte[] b, int at) {
    return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
  }

  static int i32(byte[] b, int at) {
    return (u16(b, at) << 16) | u16(b, at + 2);
  }
}
