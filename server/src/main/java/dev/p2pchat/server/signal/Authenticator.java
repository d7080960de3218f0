package dev.p2pchat.server.signal;

import dev.p2pchat.protocol.identity.AuthChallenge;
import dev.p2pchat.protocol.identity.DhPublicKey;
import dev.p2pchat.protocol.identity.SigningPublicKey;
import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.server.registry.BindResult;
import dev.p2pchat.server.registry.RegistryStore;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proof of possession, then the binding: shared by the WebSocket {@code hello} and
 * {@code POST /v1/users}. The signature is checked before the registry is touched, so a bad
 * signature changes nothing and reveals nothing about the name.
 */
final class Authenticator {
  private static final Logger log = LoggerFactory.getLogger(Authenticator.class);

  private final RegistryStore registry;
  private final InstantSource clock;

  Authenticator(RegistryStore registry, InstantSource clock) {
    this.registry = registry;
    this.clock = clock;
  }

  /** What a client presents: its claim and the signature over the challenge. */
  record Claim(Username user, SigningPublicKey signingKey, DhPublicKey dhKey, byte[] signature) {}

  /**
   * Verifies {@code claim} against {@code nonce} and binds or logs in the user.
   *
   * @param nonceValid whether the caller redeemed the nonce (issued, unused, unexpired)
   * @param via where the claim came from, for the log ("websocket 1.2.3.4")
   * @return {@link BindResult.Created} or {@link BindResult.AlreadyBound}
   * @throws ApiException {@code bad-signature} or {@code name-taken}; nothing changed
   */
  BindResult authenticate(Claim claim, String nonce, boolean nonceValid, String via) {
    // A nonce that was not redeemed may not even be well formed: check it before building on it.
    if (!nonceValid || !new AuthChallenge(nonce, claim.user(), claim.signingKey(), claim.dhKey())
        .verify(claim.signature())) {
      log.debug("bad signature or stale nonce for {} via {}", claim.user(), via);
      throw new ApiException(ErrorCode.BAD_SIGNATURE,
          nonceValid ? "the signature does not verify" : "the nonce is unknown, used or expired");
    }
    BindResult result = registry.bind(claim.user(), claim.signingKey(), claim.dhKey(), clock.instant());
    switch (result) {
      case BindResult.Created c -> log.info("registered {} (signing key {}) via {}",
          claim.user(), claim.signingKey().fingerprint(), via);
      case BindResult.AlreadyBound b -> log.info("login {} via {}", claim.user(), via);
      case BindResult.Taken t -> {
        log.info("refused {} via {}: name bound to signing key {}, presented {}",
            claim.user(), via, t.record().signingKey().fingerprint(), claim.signingKey().fingerprint());
        throw new ApiException(ErrorCode.NAME_TAKEN,
            "the name '" + claim.user() + "' is registered with other keys");
      }
    }
    return result;
  }
}
