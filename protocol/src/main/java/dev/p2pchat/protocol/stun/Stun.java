package dev.p2pchat.protocol.stun;

import static dev.p2pchat.protocol.stun.StunConstants.HEADER_LENGTH;
import static dev.p2pchat.protocol.stun.StunConstants.MAGIC_COOKIE;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Entry points of the STUN codec. */
public final class Stun {
  private Stun() {}

  /** Decodes one datagram; see {@link StunDecoder}. */
  public static StunMessage decode(byte[] buf, int off, int len) throws StunParseException {
    return StunDecoder.decode(buf, off, len);
  }

  public static StunMessage decode(byte[] datagram) throws StunParseException {
    return StunDecoder.decode(datagram, 0, datagram.length);
  }

  /** Encodes without integrity or fingerprint; see {@link StunEncoder} for those. */
  public static byte[] encode(StunMessage message) {
    return StunEncoder.plain().encode(message);
  }

  /**
   * A cheap test for a demultiplexer (RFC 7983, RFC 8489 §5): a datagram of at least 20 bytes whose two
   * leading bits are zero, whose length field matches, and which carries the magic cookie. RFC 3489
   * messages have no cookie and fail it; a server that also serves classic clients just decodes.
   */
  public static boolean looksLikeStun(byte[] buf, int off, int len) {
    if (len < HEADER_LENGTH || (buf[off] & 0xC0) != 0) {
      return false;
    }
    return StunDecoder.u16(buf, off + 2) + HEADER_LENGTH == len && StunDecoder.i32(buf, off + 4) == MAGIC_COOKIE;
  }

  /**
   * The comprehension-required attribute types (below 0x8000) in the message that the codec does not
   * understand, in order of first appearance: what a server lists in UNKNOWN-ATTRIBUTES with a 420
   * (RFC 8489 §6.3.1.1).
   */
  public static List<Integer> unknownComprehensionRequired(StunMessage message) {
    Set<Integer> types = new LinkedHashSet<>();
    for (StunAttribute a : message.attributes()) {
      if (a instanceof RawAttribute raw && raw.isComprehensionRequired()) {
        types.add(raw.type());
      }
    }
    return List.copyOf(types);
  }
}
