package dev.p2pchat.protocol.stun;

import static dev.p2pchat.protocol.stun.StunConstants.ERROR_CODE;
import static dev.p2pchat.protocol.stun.StunConstants.MAX_TEXT_BYTES;
import static dev.p2pchat.protocol.stun.StunConstants.UNKNOWN_ATTRIBUTES;

import java.util.List;

/** Attributes of error responses. */
public sealed interface ErrorAttribute extends StunAttribute {

  /** RFC 8489 §14.8: a code 300-699 and a short UTF-8 reason phrase. */
  record ErrorCode(int code, String reason) implements ErrorAttribute {
    public ErrorCode {
      if (code < 300 || code > 699) {
        throw new IllegalArgumentException("STUN error codes are 300-699, not " + code);
      }
      Utf8.checkLength(reason, MAX_TEXT_BYTES, "ERROR-CODE reason");
    }

    /** The hundreds digit, as carried in the 3-bit class field. */
    public int errorClass() {
      return code / 100;
    }

    /** The code modulo 100, as carried in the 8-bit number field. */
    public int number() {
      return code % 100;
    }

    @Override
    public int type() {
      return ERROR_CODE;
    }
  }

  /** RFC 8489 §14.13: the comprehension-required types a server did not understand (with a 420). */
  record UnknownAttributes(List<Integer> types) implements ErrorAttribute {
    /** So many 16-bit types fill a 16-bit attribute length. */
    static final int MAX_TYPES = 0xFFFF / 2;

    public UnknownAttributes {
      types = List.copyOf(types);
      if (types.size() > MAX_TYPES) {
        throw new IllegalArgumentException("too many unknown attribute types: " + types.size());
      }
      for (int t : types) {
        if (t < 0 || t > 0xFFFF) {
          throw new IllegalArgumentException("attribute type out of range: " + t);
        }
      }
    }

    @Override
    public int type() {
      return UNKNOWN_ATTRIBUTES;
    }
  }
}
