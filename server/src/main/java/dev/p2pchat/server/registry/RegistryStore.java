package dev.p2pchat.server.registry;

import dev.p2pchat.protocol.identity.DhPublicKey;
import dev.p2pchat.protocol.identity.SigningPublicKey;
import dev.p2pchat.protocol.identity.Username;
import java.time.Instant;
import java.util.Optional;

/**
 * Where usernames and their keys live. Implementations are thread-safe, and {@link #bind} is
 * atomic: of two concurrent first registrations of one name with different keys, exactly one wins.
 * Storage failures surface as {@link RegistryException}.
 */
public interface RegistryStore extends AutoCloseable {
  Optional<UserRecord> find(Username user);

  /**
   * Binds {@code user} to the keys if the name is free; if it is bound to the same keys, refreshes
   * {@code lastSeen}; if it is bound to other keys, changes nothing and says so.
   */
  BindResult bind(Username user, SigningPublicKey signingKey, DhPublicKey dhKey, Instant now);

  /** Records that {@code user} was seen at {@code now}; does nothing for an unknown user. */
  void touch(Username user, Instant now);

  /** How many users are registered. */
  long count();

  @Override
  void close();
}
