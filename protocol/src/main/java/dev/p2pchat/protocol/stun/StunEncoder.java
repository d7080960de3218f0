package dev.p2pchat.protocol.stun;

import static dev.p2pchat.protocol.stun.StunConstants.ATTRIBUTE_HEADER_LENGTH;
import static dev.p2pchat.protocol.stun.StunConstants.FINGERPRINT;
import static dev.p2pchat.protocol.stun.StunConstants.HEADER_LENGTH;
import static dev.p2pchat.protocol.stun.StunConstants.MAX_BODY_LENGTH;
import static dev.p2pchat.protocol.stun.StunConstants.MESSAGE_INTEGRITY;
import static dev.p2pchat.protocol.stun.StunConstants.MESSAGE_INTEGRITY_LENGTH;
import static dev.p2pchat.protocol.stun.StunConstants.MESSAGE_INTEGRITY_SHA256;
import static dev.p2pchat.protocol.stun.StunConstants.MESSAGE_INTEGRITY_SHA256_LENGTH;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes messages, optionally appending MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 and FINGERPRINT
 * computed over the result. Immutable; configure with the {@code with...} methods:
 *
 * <pre>{@code
 * byte[] wire = StunEncoder.plain().withIntegrity(key).withFingerprint().encode(message);
 * }</pre>
 *
 * Attributes already in the message, integrity ones included, are written as they are.
 */
public final class StunEncoder {
  private static final StunEncoder PLAIN = new StunEncoder(null, null, false, (byte) 0);

  private final IntegrityKey integrityKey;
  private final IntegrityKey integritySha256Key;
  private final boolean fingerprint;
  private final byte paddingByte;

  private StunEncoder(IntegrityKey sha1, IntegrityKey sha256, boolean fingerprint, byte paddingByte) {
    this.integrityKey = sha1;
    this.integritySha256Key = sha256;
    this.fingerprint = fingerprint;
    this.paddingByte = paddingByte;
  }

  /** Writes the attributes as they are and pads with zeros. */
  public static StunEncoder plain() {
    return PLAIN;
  }

  /** Appends MESSAGE-INTEGRITY (HMAC-SHA1) made with {@code key}. */
  public StunEncoder withIntegrity(IntegrityKey key) {
    return new StunEncoder(java.util.Objects.requireNonNull(key), integritySha256Key, fingerprint, paddingByte);
  }

  /** Appends a 32-byte MESSAGE-INTEGRITY-SHA256 made with {@code key} (after MESSAGE-INTEGRITY if both). */
  public StunEncoder withIntegritySha256(IntegrityKey key) {
    return new StunEncoder(integrityKey, java.util.Objects.requireNonNull(key), fingerprint, paddingByte);
  }

  /** Appends FINGERPRINT, last. */
  public StunEncoder withFingerprint() {
    return new StunEncoder(integrityKey, integritySha256Key, true, paddingByte);
  }

  /**
   * Fills attribute padding with {@code value} instead of zero. RFC 5389 let padding be anything, and
   * the RFC 5769 test vectors pad with spaces; this reproduces them byte for byte.
   */
  public StunEncoder withPaddingByte(int value) {
    return new StunEncoder(integrityKey, integritySha256Key, fingerprint, (byte) value);
  }

  /**
   * The wire bytes. IllegalArgumentException if the message is too long for the 16-bit length field,
   * or already ends in attributes this encoder was asked to append before or after.
   */
  public byte[] encode(StunMessage message) {
    checkAppendable(message);
    TransactionId id = message.transactionId();
    List<byte[]> values = new ArrayList<>();
    int body = 0;
    for (StunAttribute a : message.attributes()) {
      byte[] value = AttributeCodec.encode(a, id);
      if (value.length > 0xFFFF) {
        throw new IllegalArgumentException(a.getClass().getSimpleName() + " value too long: " + value.length);
      }
      values.add(value);
      body += ATTRIBUTE_HEADER_LENGTH + AttributeCodec.pad4(value.length);
    }
    body += trailerLength();
    if (body > MAX_BODY_LENGTH) {
      throw new IllegalArgumentException("message body of " + body + " bytes exceeds " + MAX_BODY_LENGTH);
    }
    byte[] out = new byte[HEADER_LENGTH + body];
    put16(out, 0, message.type().toWire());
    put16(out, 4, message.transactionId().cookieField() >>> 16);
    put16(out, 6, message.transactionId().cookieField());
    id.writeTo(out, 8);
    int pos = HEADER_LENGTH;
    for (int i = 0; i < values.size(); i++) {
      pos = writeAttribute(out, pos, message.attributes().get(i).type(), values.get(i));
    }
    pos = appendTrailers(out, pos, body);
    assert pos == out.length;
    return out;
  }

  private int appendTrailers(byte[] out, int pos, int body) {
    if (integrityKey != null) {
      int lengthField = pos + ATTRIBUTE_HEADER_LENGTH + MESSAGE_INTEGRITY_LENGTH - HEADER_LENGTH;
      byte[] hmac = StunIntegrity.hmac(StunIntegrity.HMAC_SHA1, integrityKey, out, 0, pos, lengthField);
      pos = writeAttribute(out, pos, MESSAGE_INTEGRITY, hmac);
    }
    if (integritySha256Key != null) {
      int lengthField = pos + ATTRIBUTE_HEADER_LENGTH + MESSAGE_INTEGRITY_SHA256_LENGTH - HEADER_LENGTH;
      byte[] hmac = StunIntegrity.hmac(StunIntegrity.HMAC_SHA256, integritySha256Key, out, 0, pos, lengthField);
      pos = writeAttribute(out, pos, MESSAGE_INTEGRITY_SHA256, hmac);
    }
    put16(out, 2, body);
    if (fingerprint) {
      int crc = StunIntegrity.fingerprint(out, 0, pos);
      pos = writeAttribute(out, pos, FINGERPRINT, new byte[] {(byte) (crc >>> 24), (byte) (crc >>> 16), (byte) (crc >>> 8), (byte) crc});
    }
    return pos;
  }

  private int trailerLength() {
    return (integrityKey == null ? 0 : ATTRIBUTE_HEADER_LENGTH + MESSAGE_INTEGRITY_LENGTH)
        + (integritySha256Key == null ? 0 : ATTRIBUTE_HEADER_LENGTH + MESSAGE_INTEGRITY_SHA256_LENGTH)
        + (fingerprint ? ATTRIBUTE_HEADER_LENGTH + 4 : 0);
  }

  /** What we append must come after what the message already ends with (see {@link StunMessage}). */
  private void checkAppendable(StunMessage message) {
    int firstAppended = integrityKey != null ? 1 : integritySha256Key != null ? 2 : fingerprint ? 3 : 4;
    List<StunAttribute> attributes = message.attributes();
    int last = attributes.isEmpty() ? 0 : StunMessage.trailerRank(attributes.getLast().type());
    if (firstAppended <= last) {
      throw new IllegalArgumentException("the message already ends with " + attributes.getLast());
    }
  }

  private int writeAttribute(byte[] out, int pos, int type, byte[] value) {
    put16(out, pos, type);
    put16(out, pos + 2, value.length);
    System.arraycopy(value, 0, out, pos + ATTRIBUTE_HEADER_LENGTH, value.length);
    int end = pos + ATTRIBUTE_HEADER_LENGTH + AttributeCodec.pad4(value.length);
    Arrays.fill(out, pos + ATTRIBUTE_HEADER_LENGTH + value.length, end, paddingByte);
    return end;
  }

  private static void put16(byte[] out, int at, int value) {
    out[at] = (byte) (value >>> 8);
    out[at + 1] = (byte) value;
  }
}
