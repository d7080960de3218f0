package dev.p2pchat.server.registry;

/** What {@link RegistryStore#bind} did. */
public sealed interface BindResult {
  UserRecord record();

  /** The name was free and is now bound to the presented keys. */
  record Created(UserRecord record) implements BindResult {}

  /** The name was already bound to exactly the presented keys; {@code lastSeen} was refreshed. */
  record AlreadyBound(UserRecord record) implements BindResult {}

  /** The name is bound to other keys; nothing changed. {@link #record()} is the existing binding. */
  record Taken(UserRecord record) implements BindResult {}
}
