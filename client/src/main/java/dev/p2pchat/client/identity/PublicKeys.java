package dev.p2pchat.client.identity;

import dev.p2pchat.protocol.identity.DhPublicKey;
import dev.p2pchat.protocol.identity.SigningPublicKey;
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

  /**
   * Parses the base64url forms used by the signalling API.
   *
   * @throws dev.p2pchat.protocol.identity.IdentityFormatException naming the bad field
   */
  public static PublicKeys fromText(String signing, String dh) {
    return new PublicKeys(SigningPublicKey.fromText(signing), DhPublicKey.fromText(dh));
  }
}
