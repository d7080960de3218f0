package dev.p2pchat.client.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema of {@code chat.db}, as an append-only list of migrations. {@code schema_version} holds
 * the number of migrations applied; each migration runs in its own transaction together with the
 * version bump, so a crash leaves the database at one version or the next, never in between.
 * Never edit a released migration: add a new one.
 */
final class Migrations {

  /** Migration {@code i} brings the schema from version {@code i} to {@code i + 1}. */
  static final List<String> STEPS =
      List.of(
          """
          CREATE TABLE contacts (
            username    TEXT PRIMARY KEY,
            signing_key BLOB NOT NULL,           -- Ed25519, raw 32 bytes
            dh_key      BLOB NOT NULL,           -- X25519, raw 32 bytes
            verified    INTEGER NOT NULL DEFAULT 0,
            first_seen  INTEGER NOT NULL,        -- epoch milliseconds
            last_seen   INTEGER NOT NULL
          );
          CREATE TABLE messages (
            seq          INTEGER PRIMARY KEY AUTOINCREMENT,  -- insertion order within the history
            id           TEXT NOT NULL,                      -- UUID chosen by the author
            conversation TEXT NOT NULL,                      -- peer user name (or room)
            author       TEXT NOT NULL,
            direction    TEXT NOT NULL CHECK (direction IN ('in', 'out')),
            text         TEXT NOT NULL,
            created_at   INTEGER NOT NULL,
            updated_at   INTEGER NOT NULL,
            state        TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'delivered', 'received')),
            UNIQUE (direction, conversation, id)
          );
          CREATE INDEX messages_by_conversation ON messages (conversation, seq);
          CREATE INDEX messages_outbox ON messages (conversation, seq) WHERE state IN ('queued', 'sent');
          CREATE TABLE delivered_ids (
            conversation TEXT NOT NULL,
            id           TEXT NOT NULL,
            received_at  INTEGER NOT NULL,
            PRIMARY KEY (conversation, id)
          );
          CREATE INDEX delivered_ids_by_time ON delivered_ids (received_at);
          """,
          // 2: rooms (client.room.SqliteRoomStore). Envelopes are kept sealed, as their authors
          // signed them, so that they can be passed on in history syncs; sender keys open them.
          """
          CREATE TABLE rooms (
            room_id TEXT PRIMARY KEY,                 -- 32 hex digits
            name    TEXT NOT NULL
          );
          CREATE TABLE room_changes (
            room_id TEXT NOT NULL REFERENCES rooms (room_id) ON DELETE CASCADE,
            version INTEGER NOT NULL,
            change  BLOB NOT NULL,                    -- MembershipChangeCodec
            PRIMARY KEY (room_id, version)
          );
          CREATE TABLE room_keys (
            room_id    TEXT NOT NULL REFERENCES rooms (room_id) ON DELETE CASCADE,
            sender     TEXT NOT NULL,
            epoch      INTEGER NOT NULL,
            first_seq  INTEGER NOT NULL,
            sender_key BLOB NOT NULL,                 -- 32 secret bytes
            PRIMARY KEY (room_id, sender, epoch)
          );
          CREATE TABLE room_envelopes (
            room_id  TEXT NOT NULL REFERENCES rooms (room_id) ON DELETE CASCADE,
            sender   TEXT NOT NULL,
            seq      INTEGER NOT NULL,
            lamport  INTEGER NOT NULL,
            envelope BLOB NOT NULL,                   -- RoomCodec ENVELOPE
            PRIMARY KEY (room_id, sender, seq)
          );
          CREATE INDEX room_envelopes_by_order ON room_envelopes (room_id, lamport, sender, seq);
          """);

  private Migrations() {}

  /** Brings the database up to {@link #STEPS}{@code .size()}; refuses a database from a newer client. */
  static void apply(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    }
    int version = currentVersion(connection);
    if (version > STEPS.size()) {
      throw new StoreException.Database(
          "chat.db has schema version " + version + ", newer than this client (" + STEPS.size() + ")",
          null);
    }
    for (int step = version; step < STEPS.size(); step++) {
      applyStep(connection, step);
    }
  }

  static int currentVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT max(version) FROM schema_version")) {
      return rows.next() ? rows.getInt(1) : 0;
    }
  }

  private static void applyStep(Connection connection, int step) throws SQLException {
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      for (String sql : STEPS.get(step).split(";")) {
        if (!sql.isBlank()) {
          statement.executeUpdate(sql);
        }
      }
      statement.executeUpdate("DELETE FROM schema_version");
      statement.executeUpdate("INSERT INTO schema_version (version) VALUES (" + (step + 1) + ")");
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }
}
