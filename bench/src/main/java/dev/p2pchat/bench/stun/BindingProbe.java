package dev.p2pchat.bench.stun;

import dev.p2pchat.protocol.stun.AddressAttribute.XorMappedAddress;
import dev.p2pchat.protocol.stun.Stun;
import dev.p2pchat.protocol.stun.StunMessage;
import dev.p2pchat.protocol.stun.StunMessageType;
import dev.p2pchat.protocol.stun.StunParseException;
import dev.p2pchat.protocol.stun.TransactionId;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The Binding requests of the load generator and the check of their answers. A request is the
 * minimal RFC 8489 one (20 bytes, no attributes) whose 96-bit transaction id is a 32-bit run tag
 * followed by the 64-bit sequence number:
 *
 * <pre>
 *  0               2               4                               8
 * +-------+-------+-------+-------+-------+-------+-------+-------+
 * | 0x0001 Binding| length 0      | magic cookie 0x2112A442       |
 * +-------+-------+-------+-------+-------+-------+-------+-------+
 * | run tag (32)                  | sequence number (64) ...
 * +-------+-------+-------+-------+-------+-------+-------+-------+
 *   ... sequence number           |
 * +-------+-------+-------+-------+
 * </pre>
 *
 * <p>An answer is matched by reading the id back, so no table of pending requests is needed; the
 * tag keeps late answers of an earlier run out of the next one's counts.
 */
final class BindingProbe {
  static final int REQUEST_LENGTH = 20;
  private static final short BINDING_SUCCESS = 0x0101;
  private static final int COOKIE = 0x2112A442;
  private static final int TAG_OFFSET = 8;
  private static final int SEQ_OFFSET = 12;

  private final int tag;

  BindingProbe(int tag) {
    this.tag = tag;
  }

  /** The request template, built with the project's codec; {@link #stamp} fills in the id. */
  static byte[] template(int tag) {
    byte[] id = ByteBuffer.allocate(12).putInt(tag).putLong(0).array();
    return Stun.encode(StunMessage.of(StunMessageType.BINDING_REQUEST, TransactionId.of(id)));
  }

  /** Writes the tag and {@code seq} into a request of {@link #REQUEST_LENGTH} bytes at position 0. */
  void stamp(ByteBuffer request, long seq) {
    request.putInt(TAG_OFFSET, tag).putLong(SEQ_OFFSET, seq);
  }

  /**
   * The sequence number of a Binding success answer to one of this run's requests in {@code
   * datagram[0, length)}, or -1 for anything else. Cheap: header fields only.
   */
  long sequenceOf(ByteBuffer datagram, int length) {
    if (length < REQUEST_LENGTH
        || datagram.getShort(0) != BINDING_SUCCESS
        || datagram.getInt(4) != COOKIE
        || datagram.getInt(TAG_OFFSET) != tag) {
      return -1;
    }
    return datagram.getLong(SEQ_OFFSET);
  }

  /**
   * The full check, done on a sample of answers: the project's decoder accepts it and its
   * XOR-MAPPED-ADDRESS is the address the request left from.
   */
  static Optional<String> verify(byte[] datagram, InetSocketAddress expectedMapped) {
    try {
      StunMessage message = Stun.decode(datagram);
      Optional<XorMappedAddress> mapped = message.first(XorMappedAddress.class);
      if (mapped.isEmpty()) {
        return Optional.of("no XOR-MAPPED-ADDRESS in " + message);
      }
      if (!mapped.get().address().equals(expectedMapped)) {
        return Optional.of("XOR-MAPPED-ADDRESS " + mapped.get().address() + ", expected " + expectedMapped);
      }
      return Optional.empty();
    } catch (StunParseException e) {
      return Optional.of("undecodable answer: " + e.getMessage());
    }
  }
}
