package dev.p2pchat.client.identity;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Objects;

/**
 * A user's long-term identity: an Ed25519 key pair that authenticates the user to the rendezvous
 * server, and an X25519 key pair that is the user's static key in the Noise handshake. Both are
 * generated on first run and kept in the data directory by {@link IdentityFile}.
 * {@link #toString()} names the user only.
 */
public final class Identity {
  private final String user;
  private final KeyPair signing;
  private final KeyPair dh;
  private final PublicKeys publicKeys;

  Identity(String user, KeyPair signing, KeyPair dh) {
    this.user = Objects.requireNonNull(user, "user");
    this.signing = signing;
    this.dh = dh;
    this.publicKeys =
        new PublicKeys(KeyCodec.signingPublic(signing.getPublic()), KeyCodec.dhPublic(dh.getPublic()));
  }

  /** Fresh keys for {@code user}, drawn from {@code random}. */
  public static Identity generate(String user, SecureRandom random) {
    return new Identity(
        user, KeyCodec.generate(KeyCodec.ED25519, random), KeyCodec.generate(KeyCodec.X25519, random));
  }

  /** Rebuilds an identity from its two raw 32-byte private keys. */
  static Identity fromPrivate(String user, byte[] signingSeed, byte[] dhPrivate) {
    return new Identity(
        user,
        KeyCodec.keyPairFromPrivate(KeyCodec.ED25519, signingSeed),
        KeyCodec.keyPairFromPrivate(KeyCodec.X25519, dhPrivate));
  }

  public String user() {
    return user;
  }

  public PublicKeys publicKeys() {
    return publicKeys;
  }

  public Fingerprint fingerprint() {
    return Fingerprint.of(publicKeys);
  }

  /** The X25519 key pair for the Noise handshake (the static key "s"). */
  public KeyPair dhKeyPair() {
    return dh;
  }

  /** An Ed25519 signature (RFC 8032, 64 bytes) over {@code message}. */
  public byte[] sign(byte[] message) {
    try {
      Signature signer = Signature.getInstance(KeyCodec.ED25519);
      signer.initSign(signing.getPrivate());
      signer.update(message);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  byte[] rawSigningSeed() {
    return KeyCodec.rawPrivate(signing.getPrivate());
  }

  byte[] rawDhPrivate() {
    return KeyCodec.rawPrivate(dh.getPrivate());
  }

  @Override
  public String toString() {
    return "Identity[" + user + "]";
  }
}
