package dev.p2pchat.server.registry;

import dev.p2pchat.protocol.identity.DhPublicKey;
import dev.p2pchat.protocol.identity.SigningPublicKey;
import dev.p2pchat.protocol.identity.Username;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A registry that lives as long as the process: for tests. Every method holds the object's lock. */
public final class InMemoryRegistryStore implements RegistryStore {
  private final Map<Username, UserRecord> users = new HashMap<>();

  @Override
  public synchronized Optional<UserRecord> find(Username user) {
    return Optional.ofNullable(users.get(user));
  }

  @Override
  public synchronized BindResult bind(Username user, SigningPublicKey signingKey, DhPublicKey dhKey, Instant now) {
    UserRecord existing = users.get(user);
    if (existing == null) {
      UserRecord created = new UserRecord(user, signingKey, dhKey, now, now);
      users.put(user, created);
      return new BindResult.Created(created);
    }
    if (!existing.hasKeys(signingKey, dhKey)) {
      return new BindResult.Taken(existing);
    }
    UserRecord seen = new UserRecord(user, signingKey, dhKey, existing.createdAt(), now);
    users.put(user, seen);
    return new BindResult.AlreadyBound(seen);
  }

  @Override
  public synchronized void touch(Username user, Instant now) {
    users.computeIfPresent(
        user, (name, r) -> new UserRecord(name, r.signingKey(), r.dhKey(), r.createdAt(), now));
  }

  @Override
  public synchronized long count() {
    return users.size();
  }

  @Override
  public void close() {}
}
