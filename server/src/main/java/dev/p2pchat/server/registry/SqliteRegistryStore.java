package dev.p2pchat.server.registry;

import dev.p2pchat.protocol.identity.DhPublicKey;
import dev.p2pchat.protocol.identity.SigningPublicKey;
import dev.p2pchat.protocol.identity.Username;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * The registry in a SQLite file, {@code registry.db} in the data directory.
 *
 * <p>One JDBC connection, used under this object's monitor: SQLite admits one writer at a time
 * anyway, and the registry is touched only on registration, login, look-up and logout — rare next
 * to signalling traffic. {@link #bind} is a read-then-write under that monitor, in one transaction.
 */
public final class SqliteRegistryStore implements RegistryStore {
  public static final String FILE_NAME = "registry.db";

  /** The schema, step by step. Append only: released steps are never edited. */
  public static final List<Migration> MIGRATIONS = List.of(
      new Migration(1, "users and their keys", List.of(
          "CREATE TABLE users ("
              + "username TEXT PRIMARY KEY NOT NULL, "
              + "signing_key BLOB NOT NULL CHECK (length(signing_key) = 32), "
              + "dh_key BLOB NOT NULL CHECK (length(dh_key) = 32), "
              + "created_at INTEGER NOT NULL, "
              + "last_seen INTEGER NOT NULL)")));

  private final Connection db;

  private SqliteRegistryStore(Connection db) {
    this.db = db;
  }

  /** Opens (creating if needed) {@code dataDir/registry.db} and migrates it to the newest schema. */
  public static SqliteRegistryStore open(Path dataDir, InstantSource clock) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      Files.createDirectories(dataDir);
      Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try {
        try (Statement s = db.createStatement()) {
          s.execute("PRAGMA journal_mode=WAL");
          s.execute("PRAGMA synchronous=FULL");
          s.execute("PRAGMA busy_timeout=5000");
        }
        new SchemaMigrator(MIGRATIONS, clock).migrate(db);
        return new SqliteRegistryStore(db);
      } catch (SQLException | RuntimeException e) {
        db.close();
        throw e;
      }
    } catch (IOException | SQLException e) {
      throw new RegistryException("cannot open the registry " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized Optional<UserRecord> find(Username user) {
    try {
      return findLocked(user);
    } catch (SQLException e) {
      throw new RegistryException("registry look-up failed", e);
    }
  }

  @Override
  public synchronized BindResult bind(Username user, SigningPublicKey signingKey, DhPublicKey dhKey, Instant now) {
    try {
      db.setAutoCommit(false);
      try {
        BindResult result = bindLocked(user, signingKey, dhKey, now);
        db.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        db.rollback();
        throw e;
      } finally {
        db.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new RegistryException("registry update failed", e);
    }
  }

  @Override
  public synchronized void touch(Username user, Instant now) {
    try (PreparedStatement s = db.prepareStatement("UPDATE users SET last_seen = ? WHERE username = ?")) {
      s.setLong(1, now.toEpochMilli());
      s.setString(2, user.value());
      s.executeUpdate();
    } catch (SQLException e) {
      throw new RegistryException("registry update failed", e);
    }
  }

  @Override
  public synchronized long count() {
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM users")) {
      return rs.next() ? rs.getLong(1) : 0;
    } catch (SQLException e) {
      throw new RegistryException("registry count failed", e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      throw new RegistryException("closing the registry failed", e);
    }
  }

  private BindResult bindLocked(Username user, SigningPublicKey signingKey, DhPublicKey dhKey, Instant now)
      throws SQLException {
    Optional<UserRecord> existing = findLocked(user);
    if (existing.isEmpty()) {
      UserRecord created = new UserRecord(user, signingKey, dhKey, now, now);
      insertLocked(created);
      return new BindResult.Created(created);
    }
    UserRecord record = existing.get();
    if (!record.hasKeys(signingKey, dhKey)) {
      return new BindResult.Taken(record);
    }
    touch(user, now);
    return new BindResult.AlreadyBound(
        new UserRecord(user, signingKey, dhKey, record.createdAt(), now));
  }

  private Optional<UserRecord> findLocked(Username user) throws SQLException {
    try (PreparedStatement s = db.prepareStatement(
        "SELECT signing_key, dh_key, created_at, last_seen FROM users WHERE username = ?")) {
      s.setString(1, user.value());
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new UserRecord(user,
            SigningPublicKey.ofRaw(rs.getBytes(1)),
            DhPublicKey.ofRaw(rs.getBytes(2)),
            Instant.ofEpochMilli(rs.getLong(3)),
            Instant.ofEpochMilli(rs.getLong(4))));
      }
    }
  }

  private void insertLocked(UserRecord r) throws SQLException {
    try (PreparedStatement s = db.prepareStatement(
        "INSERT INTO users (username, signing_key, dh_key, created_at, last_seen) VALUES (?, ?, ?, ?, ?)")) {
      s.setString(1, r.user().value());
      s.setBytes(2, r.signingKey().raw());
      s.setBytes(3, r.dhKey().raw());
      s.setLong(4, r.createdAt().toEpochMilli());
      s.setLong(5, r.lastSeen().toEpochMilli());
      s.executeUpdate();
    }
  }
}
