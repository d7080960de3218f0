package dev.p2pchat.client.identity;

import dev.p2pchat.protocol.identity.AuthChallenge;
import dev.p2pchat.protocol.identity.SigningKeyPair;
import dev.p2pchat.protocol.identity.Username;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * A user's long-term identity: an Ed25519 key pair that authenticates the user to the rendezvous
 * server, and an X25519 key pair that is the user's static key in the Noise handshake. Both are
 * generated on first run and kept in the data directory by {@link IdentityFile}.
 * {@link #toString()} names the user only.
 */
public final class Identity {
  private final Username user;
  private final SigningKeyPair signing;
  private final DhKeyPair dh;
  private final PublicKeys publicKeys;

  public Identity(Username user, SigningKeyPair signing, DhKeyPair dh) {
    this.user = Objects.requireNonNull(user, "user");
    this.signing = Objects.requireNonNull(signing, "signing");
    this.dh = Objects.requireNonNull(dh, "dh");
    this.publicKeys = new PublicKeys(signing.publicKey(), dh.publicKey());
  }

  /** Fresh keys for {@code user}, drawn from {@code random}. */
  public static Identity generate(Username user, SecureRandom random) {
    return new Identity(user, SigningKeyPair.generate(random), DhKeyPair.generate(random));
  }

  public Username user() {
    return user;
  }

  public PublicKeys publicKeys() {
    return publicKeys;
  }

  public Fingerprint fingerprint() {
    return Fingerprint.of(publicKeys);
  }

  /** The X25519 key pair for the Noise handshake. */
  public DhKeyPair dhKeyPair() {
    return dh;
  }

  /** The signature that answers the server's challenge {@code nonce} (docs/api.md "Identity"). */
  public byte[] signChallenge(String nonce) {
    return new AuthChallenge(nonce, user, publicKeys.signing(), publicKeys.dh()).sign(signing);
  }

  /** The signing key pair, for room membership changes (they are signed with the user's identity key). */
  public SigningKeyPair signingKeyPair() {
    return signing;
  }

  @Override
  public String toString() {
    return "Identity[" + user + "]";
  }
}
