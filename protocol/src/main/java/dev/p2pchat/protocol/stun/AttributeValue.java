package dev.p2pchat.protocol.stun;

import java.util.Arrays;

/**
 * A bounds-checked view of one attribute's value inside a received message. Every read checks the
 * value's length first, so that a lying length turns into a {@link StunParseException}, never an
 * ArrayIndexOutOfBoundsException.
 */
final class AttributeValue {
  private final byte[] buf;
  private final int start;
  private final int length;
  private final int type;
  private final int offsetInMessage;

  AttributeValue(byte[] buf, int start, int length, int type, int offsetInMessage) {
    this.buf = buf;
    this.start = start;
    this.length = length;
    this.type = type;
    this.offsetInMessage = offsetInMessage;
  }

  int type() {
    return type;
  }

  int length() {
    return length;
  }

  void expectLength(int expected) throws StunParseException {
    if (length != expected) {
      throw malformed("value has " + length + " bytes, expected " + expected);
    }
  }

  void expectAtLeast(int minimum) throws StunParseException {
    if (length < minimum) {
      throw malformed("value has " + length + " bytes, expected at least " + minimum);
    }
  }

  int u8(int at) throws StunParseException {
    check(at, 1);
    return buf[start + at] & 0xFF;
  }

  int u16(int at) throws StunParseException {
    check(at, 2);
    return ((buf[start + at] & 0xFF) << 8) | (buf[start + at + 1] & 0xFF);
  }

  int i32(int at) throws StunParseException {
    check(at, 4);
    int p = start + at;
    return ((buf[p] & 0xFF) << 24) | ((buf[p + 1] & 0xFF) << 16) | ((buf[p + 2] & 0xFF) << 8) | (buf[p + 3] & 0xFF);
  }

  long u32(int at) throws StunParseException {
    return i32(at) & 0xFFFF_FFFFL;
  }

  long i64(int at) throws StunParseException {
    return (((long) i32(at)) << 32) | u32(at + 4);
  }

  byte[] bytes(int at, int count) throws StunParseException {
    check(at, count);
    return Arrays.copyOfRange(buf, start + at, start + at + count);
  }

  byte[] bytes() {
    return Arrays.copyOfRange(buf, start, start + length);
  }

  String utf8() throws StunParseException {
    try {
      return Utf8.decode(buf, start, length);
    } catch (IllegalArgumentException e) {
      throw malformed(e.getMessage());
    }
  }

  StunParseException malformed(String detail) {
    return new StunParseException(
        StunParseException.Reason.MALFORMED_ATTRIBUTE, offsetInMessage, type, detail);
  }

  private void check(int at, int count) throws StunParseException {
    if (at < 0 || count < 0 || at > length - count) {
      throw malformed("value has " + length + " bytes, needed " + count + " at " + at);
    }
  }
}
