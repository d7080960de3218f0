package dev.p2pchat.server.registry;

import dev.p2pchat.protocol.identity.DhPublicKey;
import dev.p2pchat.protocol.identity.SigningPublicKey;
import dev.p2pchat.protocol.identity.Username;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** One registered user: the name, the keys bound to it on first registration, and two times. */
public record UserRecord(
    Username user, SigningPublicKey signingKey, DhPublicKey dhKey, Instant createdAt, Instant lastSeen) {
  public UserRecord {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(signingKey, "signingKey");
    Objects.requireNonNull(dhKey, "dhKey");
    // Stored as epoch milliseconds; truncating here keeps a record equal to its reloaded self.
    createdAt = createdAt.truncatedTo(ChronoUnit.MILLIS);
    lastSeen = lastSeen.truncatedTo(ChronoUnit.MILLIS);
  }

  /** True if this record binds exactly these keys. */
  public boolean hasKeys(SigningPublicKey signing, DhPublicKey dh) {
    return signingKey.equals(signing) && dhKey.equals(dh);
  }
}
