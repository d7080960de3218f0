package dev.p2pchat.client.store;

import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.protocol.identity.DhPublicKey;
import dev.p2pchat.client.identity.PublicKeys;
import dev.p2pchat.protocol.identity.SigningPublicKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link ChatStore} in a SQLite file (xerial sqlite-jdbc). One connection, used under this object's
 * monitor; every public method is one transaction. WAL journal with {@code synchronous=FULL}: a
 * committed outbox entry survives a crash or power cut, and readers never see half a change.
 * The file is created with mode 0600 (SQLite gives its -wal/-shm files the same mode).
 */
public final class SqliteChatStore implements ChatStore {
  private final Connection connection;

  private SqliteChatStore(Connection connection) {
    this.connection = connection;
  }

  /** Opens (creating and migrating if needed) the database at {@code file}. */
  public static SqliteChatStore open(Path file) {
    try {
      createPrivateFile(file);
      Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA journal_mode=WAL");
        statement.execute("PRAGMA synchronous=FULL");
        statement.execute("PRAGMA foreign_keys=ON");
        statement.execute("PRAGMA busy_timeout=5000");
      }
      Migrations.apply(connection);
      return new SqliteChatStore(connection);
    } catch (SQLException | IOException e) {
      throw new StoreException.Database("cannot open " + file, e);
    }
  }

  private static void createPrivateFile(Path file) throws IOException {
    if (Files.notExists(file) && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
  }

  /** The schema version, for tests and diagnostics. */
  public synchronized int schemaVersion() {
    return run(() -> Migrations.currentVersion(connection));
  }

  // ---- contacts

  @Override
  public synchronized Optional<Contact> contact(Username user) {
    return run(() -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT * FROM contacts WHERE username = ?")) {
        select.setString(1, user.value());
        try (ResultSet rows = select.executeQuery()) {
          return rows.next() ? Optional.of(contact(rows)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public synchronized List<Contact> contacts() {
    return run(() -> {
      try (PreparedStatement select = connection.prepareStatement(
              "SELECT * FROM contacts ORDER BY username");
          ResultSet rows = select.executeQuery()) {
        List<Contact> contacts = new ArrayList<>();
        while (rows.next()) {
          contacts.add(contact(rows));
        }
        return contacts;
      }
    });
  }

  @Override
  public synchronized Contact pin(Username user, PublicKeys keys, Instant now) {
    return transaction(() -> {
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO contacts (username, signing_key, dh_key, verified, first_seen, last_seen)"
              + " VALUES (?, ?, ?, 0, ?, ?) ON CONFLICT (username) DO NOTHING")) {
        insert.setString(1, user.value());
        insert.setBytes(2, keys.signing().raw());
        insert.setBytes(3, keys.dh().raw());
        insert.setLong(4, now.toEpochMilli());
        insert.setLong(5, now.toEpochMilli());
        if (insert.executeUpdate() == 0) {
          throw new StoreException.AlreadyPinned(user);
        }
      }
      return new Contact(user, keys, false, millis(now), millis(now));
    });
  }

  @Override
  public synchronized Contact replaceKeys(Username user, PublicKeys keys, Instant now) {
    return updateContact(
        user,
        "UPDATE contacts SET signing_key = ?, dh_key = ?, verified = 0, last_seen = ? WHERE username = ?",
        update -> {
          update.setBytes(1, keys.signing().raw());
          update.setBytes(2, keys.dh().raw());
          update.setLong(3, now.toEpochMilli());
          update.setString(4, user.value());
        });
  }

  @Override
  public synchronized Contact setVerified(Username user, boolean verified) {
    return updateContact(
        user,
        "UPDATE contacts SET verified = ? WHERE username = ?",
        update -> {
          update.setInt(1, verified ? 1 : 0);
          update.setString(2, user.value());
        });
  }

  @Override
  public synchronized void seen(Username user, Instant now) {
    run(() -> {
      try (PreparedStatement update = connection.prepareStatement(
          "UPDATE contacts SET last_seen = max(last_seen, ?) WHERE username = ?")) {
        update.setLong(1, now.toEpochMilli());
        update.setString(2, user.value());
        return update.executeUpdate();
      }
    });
  }

  private Contact updateContact(Username user, String sql, Binder binder) {
    return transaction(() -> {
      try (PreparedStatement update = connection.prepareStatement(sql)) {
        binder.bind(update);
        if (update.executeUpdate() == 0) {
          throw new StoreException.UnknownContact(user);
        }
      }
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT * FROM contacts WHERE username = ?")) {
        select.setString(1, user.value());
        try (ResultSet rows = select.executeQuery()) {
          rows.next();
          return contact(rows);
        }
      }
    });
  }

  private static Contact contact(ResultSet row) throws SQLException {
    return new Contact(
        Username.of(row.getString("username")),
        new PublicKeys(SigningPublicKey.ofRaw(row.getBytes("signing_key")), DhPublicKey.ofRaw(row.getBytes("dh_key"))),
        row.getInt("verified") != 0,
        Instant.ofEpochMilli(row.getLong("first_seen")),
        Instant.ofEpochMilli(row.getLong("last_seen")));
  }

  // ---- messages

  @Override
  public synchronized StoredMessage enqueue(
      UUID id, String conversation, String author, String text, Instant now) {
    StoredMessage message = new StoredMessage(
        id, conversation, author, Direction.OUT, text, millis(now), millis(now), MessageState.QUEUED);
    return transaction(() -> {
      if (!insertMessage(message)) {
        throw new StoreException.DuplicateMessage(id);
      }
      return message;
    });
  }

  @Override
  public synchronized boolean markSent(UUID id, Instant now) {
    return transition(id, MessageState.SENT, now, "('queued')");
  }

  @Override
  public synchronized boolean markDelivered(UUID id, Instant now) {
    return transition(id, MessageState.DELIVERED, now, "('queued', 'sent')");
  }

  private boolean transition(UUID id, MessageState to, Instant now, String fromStates) {
    return run(() -> {
      try (PreparedStatement update = connection.prepareStatement(
          "UPDATE messages SET state = ?, updated_at = ? WHERE direction = 'out' AND id = ?"
              + " AND state IN " + fromStates)) {
        update.setString(1, to.wire());
        update.setLong(2, now.toEpochMilli());
        update.setString(3, id.toString());
        return update.executeUpdate() > 0;
      }
    });
  }

  @Override
  public synchronized List<StoredMessage> outbox(String conversation) {
    return query(
        "SELECT * FROM messages WHERE conversation = ? AND state IN ('queued', 'sent') ORDER BY seq",
        select -> select.setString(1, conversation));
  }

  @Override
  public synchronized List<String> conversationsWithOutbox() {
    return run(() -> {
      try (PreparedStatement select = connection.prepareStatement(
              "SELECT DISTINCT conversation FROM messages WHERE state IN ('queued', 'sent')"
                  + " ORDER BY conversation");
          ResultSet rows = select.executeQuery()) {
        List<String> names = new ArrayList<>();
        while (rows.next()) {
          names.add(rows.getString(1));
        }
        return names;
      }
    });
  }

  @Override
  public synchronized boolean receive(
      UUID id, String conversation, String author, String text, Instant now) {
    return transaction(() -> {
      try (PreparedStatement remember = connection.prepareStatement(
          "INSERT INTO delivered_ids (conversation, id, received_at) VALUES (?, ?, ?)"
              + " ON CONFLICT DO NOTHING")) {
        remember.setString(1, conversation);
        remember.setString(2, id.toString());
        remember.setLong(3, now.toEpochMilli());
        if (remember.executeUpdate() == 0) {
          return false;
        }
      }
      // A history entry may survive its pruned delivered_ids row: then the message is not new either.
      return insertMessage(new StoredMessage(
          id, conversation, author, Direction.IN, text, millis(now), millis(now), MessageState.RECEIVED));
    });
  }

  @Override
  public synchronized List<StoredMessage> history(String conversation, int limit) {
    List<StoredMessage> newestFirst = query(
        "SELECT * FROM messages WHERE conversation = ? ORDER BY seq DESC LIMIT ?",
        select -> {
          select.setString(1, conversation);
          select.setInt(2, Math.max(0, limit));
        });
    return newestFirst.reversed();
  }

  @Override
  public synchronized int pruneDeliveredIds(Instant olderThan, int keep) {
    return transaction(() -> {
      try (PreparedStatement delete = connection.prepareStatement(
          "DELETE FROM delivered_ids WHERE received_at < ? OR rowid NOT IN"
              + " (SELECT rowid FROM delivered_ids ORDER BY received_at DESC, rowid DESC LIMIT ?)")) {
        delete.setLong(1, olderThan.toEpochMilli());
        delete.setInt(2, Math.max(0, keep));
        return delete.executeUpdate();
      }
    });
  }

  private boolean insertMessage(StoredMessage m) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO messages (id, conversation, author, direction, text, created_at, updated_at, state)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      insert.setString(1, m.id().toString());
      insert.setString(2, m.conversation());
      insert.setString(3, m.author());
      insert.setString(4, m.direction().wire());
      insert.setString(5, m.text());
      insert.setLong(6, m.created().toEpochMilli());
      insert.setLong(7, m.updated().toEpochMilli());
      insert.setString(8, m.state().wire());
      return insert.executeUpdate() > 0;
    }
  }

  private List<StoredMessage> query(String sql, Binder binder) {
    return run(() -> {
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        binder.bind(select);
        try (ResultSet rows = select.executeQuery()) {
          List<StoredMessage> messages = new ArrayList<>();
          while (rows.next()) {
            messages.add(message(rows));
          }
          return messages;
        }
      }
    });
  }

  private static StoredMessage message(ResultSet row) throws SQLException {
    return new StoredMessage(
        UUID.fromString(row.getString("id")),
        row.getString("conversation"),
        row.getString("author"),
        Direction.fromWire(row.getString("direction")),
        row.getString("text"),
        Instant.ofEpochMilli(row.getLong("created_at")),
        Instant.ofEpochMilli(row.getLong("updated_at")),
        MessageState.fromWire(row.getString("state")));
  }

  /** The store keeps millisecond precision; callers get back what a reload would give them. */
  private static Instant millis(Instant instant) {
    return Instant.ofEpochMilli(instant.toEpochMilli());
  }

  // ---- plumbing

  private interface Work<T> {
    T run() throws SQLException;
  }

  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private <T> T run(Work<T> work) {
    try {
      return work.run();
    } catch (SQLException e) {
      throw new StoreException.Database("chat.db", e);
    }
  }

  /** Runs {@code work} in one transaction: all of it commits, or none of it (also on exceptions). */
  private <T> T transaction(Work<T> work) {
    try {
      connection.setAutoCommit(false);
      try {
        T result = work.run();
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException.Database("chat.db", e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException.Database("closing chat.db", e);
    }
  }
}
