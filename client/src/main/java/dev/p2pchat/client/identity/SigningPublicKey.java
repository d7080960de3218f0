package dev.p2pchat.client.identity;

/** An Ed25519 public key (RFC 8032), raw 32 bytes: proves a user's identity to the server. */
public final class SigningPublicKey extends RawPublicKey {

  private SigningPublicKey(byte[] raw) {
    super(raw);
  }

  public static SigningPublicKey of(byte[] raw) {
    return new SigningPublicKey(raw);
  }

  /** Parses base64url (no padding); throws {@link IllegalArgumentException} if not exactly 32 bytes. */
  public static SigningPublicKey fromBase64(String text) {
    return new SigningPublicKey(decodeBase64(text, "Ed25519 public key"));
  }

  @Override
  String kind() {
    return "Ed25519 public key";
  }
}
