package dev.p2pchat.client.store;

import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.client.identity.PublicKeys;
import java.time.Instant;
import java.util.Objects;

/**
 * A peer whose keys this client pinned on first use (TOFU). {@code verified} is set when the user
 * compared fingerprints out of band ({@code /verify}); it is cleared when the keys change.
 */
public record Contact(Username user, PublicKeys keys, boolean verified, Instant firstSeen, Instant lastSeen) {
  public Contact {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
  }
}
