package dev.p2pchat.protocol.identity;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * What a client signs to prove it holds a user's signing key (docs/api.md, "Identity"): the UTF-8
 * bytes of
 *
 * <pre>
 * p2pchat-auth-v1\n&lt;nonce&gt;\n&lt;user&gt;\n&lt;signing_key&gt;\n&lt;dh_key&gt;
 * </pre>
 *
 * <p>with the nonce exactly as the server sent it and both keys in their base64url text form.
 * Binding the DH key into the signature stops a man in the middle from registering a user's
 * signing key with his own DH key. None of the parts can contain a newline (usernames are
 * restricted, nonces and keys are base64url), so the encoding is unambiguous.
 */
public record AuthChallenge(String nonce, Username user, SigningPublicKey signingKey, DhPublicKey dhKey) {
  /** Domain separation: a signature made for this purpose is valid for no other. */
  public static final String CONTEXT = "p2pchat-auth-v1";

  /** Nonces the server issues: 32 random bytes, base64url without padding. */
  public static final int NONCE_BYTES = 32;

  public AuthChallenge {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(signingKey, "signingKey");
    Objects.requireNonNull(dhKey, "dhKey");
    Base64Url.decode("nonce", nonce, NONCE_BYTES);
  }

  /** A fresh nonce for a challenge: {@link #NONCE_BYTES} bytes from {@code random}, as text. */
  public static String newNonce(SecureRandom random) {
    byte[] bytes = new byte[NONCE_BYTES];
    random.nextBytes(bytes);
    return Base64Url.encode(bytes);
  }

  /** The exact bytes to sign and to verify. */
  public byte[] bytesToSign() {
    String text =
        CONTEXT + '\n' + nonce + '\n' + user.value() + '\n' + signingKey.toText() + '\n' + dhKey.toText();
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The client side: signs this challenge with the user's key pair. */
  public byte[] sign(SigningKeyPair keys) {
    if (!keys.publicKey().equals(signingKey)) {
      throw new IllegalArgumentException("the key pair does not match the challenge's signing key");
    }
    return keys.sign(bytesToSign());
  }

  /** The server side: true only if {@code signature} verifies under this challenge's signing key. */
  public boolean verify(byte[] signature) {
    return Ed25519.verify(signingKey, bytesToSign(), signature);
  }
}
