package dev.p2pchat.server.turn;

import dev.p2pchat.protocol.turn.RestCredentials;
import dev.p2pchat.protocol.turn.TurnSecret;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Issues TURN REST API credentials to authenticated users: one username/password pair valid for every
 * advertised relay (the built-in one and configured coturns share the secret). Signalling puts the
 * result in {@code welcome} and answers {@code turn-credentials} with it.
 */
public final class TurnCredentialIssuer {

  /** What a client gets: the relays, and credentials valid for {@code ttl} from now. */
  public record Issued(List<String> urls, String username, String password, Duration ttl) {
    public Issued {
      urls = List.copyOf(urls);
    }

    @Override
    public String toString() {
      return "Issued[" + urls + ", " + username + ", password hidden, " + ttl + "]";
    }
  }

  private final TurnSecret secret;
  private final Supplier<List<TurnUrl>> urls;
  private final Duration ttl;
  private final InstantSource clock;

  /** @param urls the relays to advertise, read at each issue (the built-in one is known once STUN listens) */
  public TurnCredentialIssuer(TurnSecret secret, Supplier<List<TurnUrl>> urls, Duration ttl, InstantSource clock) {
    this.secret = secret;
    this.urls = urls;
    this.ttl = ttl;
    this.clock = clock;
  }

  /** Credentials for {@code user}, or empty when no relay is advertised. */
  public Optional<Issued> issue(String user) {
    List<TurnUrl> relays = urls.get();
    if (relays.isEmpty()) {
      return Optional.empty();
    }
    Instant expiry = clock.instant().plus(ttl);
    String username = RestCredentials.username(expiry, user);
    return Optional.of(new Issued(relays.stream().map(TurnUrl::toString).toList(), username,
        RestCredentials.password(secret, username), ttl));
  }
}
