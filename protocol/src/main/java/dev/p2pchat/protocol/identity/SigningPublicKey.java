package dev.p2pchat.protocol.identity;

/**
 * A user's long-term Ed25519 public key (RFC 8032 §5.1.5): 32 raw bytes. It authenticates the user
 * to the server. Compares in constant time; {@link #toString()} shows only a fingerprint.
 */
public final class SigningPublicKey {
  /** RFC 8032 §5.1.5: an Ed25519 public key is 32 octets. */
  public static final int LENGTH = 32;

  private final byte[] raw;

  private SigningPublicKey(byte[] raw) {
    this.raw = raw;
  }

  /** Wraps a copy of the 32 raw bytes; the point itself is checked only when verifying. */
  public static SigningPublicKey ofRaw(byte[] raw) {
    return new SigningPublicKey(RawKey.checkedCopy("signing_key", raw, LENGTH));
  }

  /** Parses the wire form (base64url without padding). */
  public static SigningPublicKey fromText(String text) {
    return new SigningPublicKey(Base64Url.decode("signing_key", text, LENGTH));
  }

  /** A copy of the 32 raw bytes. */
  public byte[] raw() {
    return raw.clone();
  }

  /** The wire form: base64url without padding. */
  public String toText() {
    return Base64Url.encode(raw);
  }

  /** A short one-way fingerprint (hex), safe to log. */
  public String fingerprint() {
    return RawKey.fingerprint(raw);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SigningPublicKey that && RawKey.constantTimeEquals(raw, that.raw);
  }

  @Override
  public int hashCode() {
    return RawKey.hash(raw);
  }

  @Override
  public String toString() {
    return "SigningPublicKey[" + fingerprint() + "]";
  }
}
