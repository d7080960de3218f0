package dev.p2pchat.client.identity;

/** An X25519 public key (RFC 7748), raw 32 bytes: the user's static key in the Noise handshake. */
public final class DhPublicKey extends RawPublicKey {

  private DhPublicKey(byte[] raw) {
    super(raw);
  }

  public static DhPublicKey of(byte[] raw) {
    return new DhPublicKey(raw);
  }

  /** Parses base64url (no padding); throws {@link IllegalArgumentException} if not exactly 32 bytes. */
  public static DhPublicKey fromBase64(String text) {
    return new DhPublicKey(decodeBase64(text, "X25519 public key"));
  }

  @Override
  String kind() {
    return "X25519 public key";
  }
}
