package dev.p2pchat.server.turn;

import dev.p2pchat.protocol.stun.AuthAttribute;
import dev.p2pchat.protocol.stun.IntegrityKey;
import dev.p2pchat.protocol.stun.StunConstants;
import dev.p2pchat.protocol.stun.StunIntegrity;
import dev.p2pchat.protocol.stun.StunMessage;
import dev.p2pchat.protocol.stun.TextAttribute;
import dev.p2pchat.protocol.turn.RestCredentials;
import dev.p2pchat.protocol.turn.TurnSecret;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Optional;

/**
 * The long-term credential mechanism (RFC 8489 §9.2.4) with REST API usernames: stateless, so it runs
 * before the relay takes its lock. The checks, in the RFC's order:
 *
 * <ol>
 *   <li>no MESSAGE-INTEGRITY: 401 with REALM and a NONCE (the normal first answer to Allocate);
 *   <li>integrity but no USERNAME, REALM or NONCE: 400;
 *   <li>a username that is not "expiry:user", or whose expiry has passed: 401;
 *   <li>MESSAGE-INTEGRITY that does not verify with MD5(username:realm:password): 401;
 *   <li>a NONCE we did not give this client, or that expired: 438 with a fresh one.
 * </ol>
 */
final class LongTermAuth {

  /** What the check decided. */
  sealed interface Outcome {
    /** {@code user} is the part after the colon, which quotas count by. */
    record Authenticated(String username, String user, IntegrityKey key) implements Outcome {}

    /** Answer with {@code response} (no integrity: we do not trust the sender) and count it. */
    record Refused(byte[] response, TurnStats.Counter counter) implements Outcome {}
  }

  private final String realm;
  private final TurnSecret secret;
  private final Nonces nonces;

  LongTermAuth(String realm, TurnSecret secret, Nonces nonces) {
    this.realm = realm;
    this.secret = secret;
    this.nonces = nonces;
  }

  Outcome check(StunMessage request, byte[] datagram, InetSocketAddress client, Instant now) {
    if (request.first(AuthAttribute.MessageIntegrity.class).isEmpty()) {
      return challenge(request, client, now);
    }
    Optional<String> username = request.first(TextAttribute.Username.class).map(TextAttribute::value);
    Optional<String> nonce = request.first(TextAttribute.Nonce.class).map(TextAttribute::value);
    if (username.isEmpty() || nonce.isEmpty() || request.first(TextAttribute.Realm.class).isEmpty()) {
      return new Outcome.Refused(TurnResponses.plainError(request, StunConstants.ERROR_BAD_REQUEST, "Bad Request"),
          TurnStats.Counter.OTHER_ERRORS);
    }
    Optional<Instant> expiry = RestCredentials.expiry(username.get());
    if (expiry.isEmpty() || !expiry.get().isAfter(now)) {
      return challenge(request, client, now);
    }
    IntegrityKey key = IntegrityKey.longTermMd5(username.get(), realm, RestCredentials.password(secret, username.get()));
    if (!StunIntegrity.verify(datagram, 0, datagram.length, key)) {
      return challenge(request, client, now);
    }
    if (!nonces.isValid(nonce.get(), client, now)) {
      return new Outcome.Refused(TurnResponses.staleNonce(request, realm, nonces.issue(client, now)),
          TurnStats.Counter.STALE_NONCE);
    }
    return new Outcome.Authenticated(username.get(), RestCredentials.user(username.get()), key);
  }

  private Outcome challenge(StunMessage request, InetSocketAddress client, Instant now) {
    return new Outcome.Refused(TurnResponses.unauthenticated(request, realm, nonces.issue(client, now)),
        TurnStats.Counter.UNAUTHENTICATED);
  }
}
