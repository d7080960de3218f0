package dev.p2pchat.client.identity;

import java.util.Objects;

/**
 * The two public keys a username is bound to (docs/api.md "Identity"): what the server's registry
 * returns on lookup and what a contact pins on first use.
 */
public record PublicKeys(SigningPublicKey signing, DhPublicKey dh) {
  public PublicKeys {
    Objects.requireNonNull(signing, "signing");
    Objects.requireNonNull(dh, "dh");
  }

  /** Parses the base64url forms used by the signalling API. */
  public static PublicKeys fromBase64(String signing, String dh) {
    return new PublicKeys(SigningPublicKey.fromBase64(signing), DhPublicKey.fromBase64(dh));
  }
}
