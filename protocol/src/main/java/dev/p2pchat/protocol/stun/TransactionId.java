package dev.p2pchat.protocol.stun;

import static dev.p2pchat.protocol.stun.StunConstants.CLASSIC_TRANSACTION_ID_LENGTH;
import static dev.p2pchat.protocol.stun.StunConstants.MAGIC_COOKIE;
import static dev.p2pchat.protocol.stun.StunConstants.TRANSACTION_ID_LENGTH;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * A transaction id: 96 bits since RFC 5389 (RFC 8489 §5), 128 bits in classic RFC 3489 (§11.1).
 *
 * <p>A classic id's first 32 bits sit where the magic cookie is now; this class keeps them as the
 * {@link #cookieField()}, so that a response that reuses the request's id echoes all 128 bits, which is
 * what a classic client matches on. For RFC 5389+ ids the cookie field is {@link
 * StunConstants#MAGIC_COOKIE}. (A classic id whose first 32 bits happen to equal the cookie cannot be
 * told apart from a modern one; RFC 5389 §12 accepts that one-in-four-billion ambiguity.)
 */
public final class TransactionId {
  private final int cookieField;
  private final byte[] id;

  private TransactionId(int cookieField, byte[] id) {
    this.cookieField = cookieField;
    this.id = id;
  }

  /** An RFC 5389+ transaction id of exactly 12 bytes (copied). */
  public static TransactionId of(byte[] id) {
    return fromHeader(MAGIC_COOKIE, id);
  }

  /** A classic RFC 3489 transaction id of exactly 16 bytes (copied). */
  public static TransactionId classic(byte[] id) {
    if (id.length != CLASSIC_TRANSACTION_ID_LENGTH) {
      throw new IllegalArgumentException("a classic transaction id has 16 bytes, not " + id.length);
    }
    ByteBuffer b = ByteBuffer.wrap(id);
    int prefix = b.getInt();
    if (prefix == MAGIC_COOKIE) {
      throw new IllegalArgumentException("a classic transaction id cannot start with the magic cookie");
    }
    return fromHeader(prefix, Arrays.copyOfRange(id, 4, 16));
  }

  /** The id as read from a header: the 32-bit cookie field and the 12 bytes after it (copied). */
  public static TransactionId fromHeader(int cookieField, byte[] id) {
    if (id.length != TRANSACTION_ID_LENGTH) {
      throw new IllegalArgumentException("a transaction id has 12 bytes, not " + id.length);
    }
    return new TransactionId(cookieField, id.clone());
  }

  /** A fresh RFC 5389+ id; RFC 8489 §5 asks for a cryptographically random one, so pass a SecureRandom. */
  public static TransactionId random(RandomGenerator random) {
    byte[] id = new byte[TRANSACTION_ID_LENGTH];
    for (int i = 0; i < id.length; i++) {
      id[i] = (byte) random.nextInt(256);
    }
    return new TransactionId(MAGIC_COOKIE, id);
  }

  /** The 12 bytes after the cookie field (a copy). */
  public byte[] bytes() {
    return id.clone();
  }

  /** The 32 bits in the header's cookie position: the magic cookie, or the start of a classic id. */
  public int cookieField() {
    return cookieField;
  }

  /** Whether this id came from (or is for) an RFC 3489 client: no magic cookie. */
  public boolean isClassic() {
    return cookieField != MAGIC_COOKIE;
  }

  void writeTo(byte[] out, int offset) {
    System.arraycopy(id, 0, out, offset, id.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TransactionId other && cookieField == other.cookieField && Arrays.equals(id, other.id);
  }

  @Override
  public int hashCode() {
    return 31 * cookieField + Arrays.hashCode(id);
  }

  @Override
  public String toString() {
    String hex = HexFormat.of().formatHex(id);
    return isClassic() ? String.format("%08x", cookieField) + hex + " (classic)" : hex;
  }
}
