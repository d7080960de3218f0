package dev.p2pchat.protocol.stun;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An attribute of a type the codec does not know, kept byte for byte so that it round-trips and a
 * server can list it in UNKNOWN-ATTRIBUTES. Known types are refused: they have their own records, and
 * keeping one representation per type is what makes decode(encode(m)) equal m.
 */
public record RawAttribute(int type, byte[] value) implements StunAttribute {

  public RawAttribute {
    if (type < 0 || type > 0xFFFF) {
      throw new IllegalArgumentException("attribute type out of range: " + type);
    }
    if (AttributeCodec.isKnown(type)) {
      throw new IllegalArgumentException(String.format("type 0x%04x has its own record", type));
    }
    if (value.length > 0xFFFF) {
      throw new IllegalArgumentException("attribute value too long: " + value.length);
    }
    value = value.clone();
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  public boolean isComprehensionRequired() {
    return StunAttribute.isComprehensionRequired(type);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawAttribute other && type == other.type && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return 31 * type + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return String.format("RawAttribute[0x%04x, %s]", type, HexFormat.of().formatHex(value));
  }
}
