package dev.p2pchat.client.store;

import dev.p2pchat.protocol.identity.Username;
import java.util.UUID;

/** Why a store operation failed; each variant carries the offending value. */
public abstract sealed class StoreException extends RuntimeException {

  StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** {@link ContactStore#pin} for a user who already has pinned keys. */
  public static final class AlreadyPinned extends StoreException {
    private final Username user;

    public AlreadyPinned(Username user) {
      super("keys for " + user + " are already pinned", null);
      this.user = user;
    }

    public Username user() {
      return user;
    }
  }

  /** An operation on a contact that does not exist. */
  public static final class UnknownContact extends StoreException {
    private final Username user;

    public UnknownContact(Username user) {
      super("no contact named " + user, null);
      this.user = user;
    }

    public Username user() {
      return user;
    }
  }

  /** An outgoing message id that is already in the store. */
  public static final class DuplicateMessage extends StoreException {
    private final UUID id;

    public DuplicateMessage(UUID id) {
      super("message " + id + " is already stored", null);
      this.id = id;
    }

    public UUID id() {
      return id;
    }
  }

  /** The database failed (disk full, corrupt file, newer schema, ...). */
  public static final class Database extends StoreException {
    public Database(String message, Throwable cause) {
      super(message + (cause == null ? "" : ": " + cause.getMessage()), cause);
    }
  }
}
