package dev.p2pchat.client.room;

import dev.p2pchat.client.store.Schema;
import dev.p2pchat.client.store.StoreException;
import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.protocol.room.Envelope;
import dev.p2pchat.protocol.room.MembershipChange;
import dev.p2pchat.protocol.room.MembershipChangeCodec;
import dev.p2pchat.protocol.room.MembershipOp;
import dev.p2pchat.protocol.room.RoomCodec;
import dev.p2pchat.protocol.room.RoomId;
import dev.p2pchat.protocol.room.RoomMessage.EpochKey;
import dev.p2pchat.protocol.room.RoomWireException;
import dev.p2pchat.protocol.room.SenderKey;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link RoomStore} in {@code chat.db} (tables of migration 2, see {@code client.store.Migrations}),
 * on its own connection beside the chat store's: WAL lets both work on one file. Every write is one
 * statement in autocommit, so each is its own transaction; writes are idempotent (INSERT OR IGNORE),
 * as a replica may journal a change again after a restart. Used under this object's monitor.
 */
public final class SqliteRoomStore implements RoomStore, AutoCloseable {
  private final Connection connection;

  private SqliteRoomStore(Connection connection) {
    this.connection = connection;
  }

  /** Opens {@code chat.db} (the chat store creates it with mode 0600) and migrates it if needed. */
  public static SqliteRoomStore open(Path file) {
    try {
      Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA journal_mode=WAL");
        statement.execute("PRAGMA synchronous=FULL");
        statement.execute("PRAGMA foreign_keys=ON");
        statement.execute("PRAGMA busy_timeout=5000");
      }
      Schema.migrate(connection);
      return new SqliteRoomStore(connection);
    } catch (SQLException e) {
      throw new StoreException.Database("cannot open " + file, e);
    }
  }

  @Override
  public synchronized void change(RoomId room, MembershipChange change) {
    if (change.op() instanceof MembershipOp.Create create) {
      update("INSERT OR IGNORE INTO rooms (room_id, name) VALUES (?, ?)", room.toHex(), create.name());
    }
    update("INSERT OR IGNORE INTO room_changes (room_id, version, change) VALUES (?, ?, ?)",
        room.toHex(), change.version(), MembershipChangeCodec.encode(change));
  }

  @Override
  public synchronized void envelope(RoomId room, Envelope envelope) {
    update("INSERT OR IGNORE INTO room_envelopes (room_id, sender, seq, lamport, envelope) VALUES (?, ?, ?, ?, ?)",
        room.toHex(), envelope.sender().value(), envelope.seq(), envelope.lamport(), RoomCodec.encode(envelope));
  }

  @Override
  public synchronized void key(RoomId room, Username sender, EpochKey key) {
    update("INSERT OR IGNORE INTO room_keys (room_id, sender, epoch, first_seq, sender_key) VALUES (?, ?, ?, ?, ?)",
        room.toHex(), sender.value(), key.epoch(), key.firstSeq(), key.key().toBytes());
  }

  @Override
  public synchronized List<RoomSummary> rooms() {
    List<RoomSummary> rooms = new ArrayList<>();
    query("SELECT room_id, name FROM rooms ORDER BY name, room_id", rows ->
        rooms.add(new RoomSummary(RoomId.fromHex(rows.getString(1)), rows.getString(2))));
    return rooms;
  }

  @Override
  public synchronized Optional<StoredRoom> load(RoomId room) {
    List<MembershipChange> chain = new ArrayList<>();
    query("SELECT change FROM room_changes WHERE room_id = ? ORDER BY version",
        rows -> chain.add(MembershipChangeCodec.decode(rows.getBytes(1))), room.toHex());
    if (chain.isEmpty()) {
      return Optional.empty();
    }
    Map<Username, List<EpochKey>> keys = new HashMap<>();
    query("SELECT sender, epoch, first_seq, sender_key FROM room_keys WHERE room_id = ? ORDER BY epoch",
        rows -> keys.computeIfAbsent(Username.of(rows.getString(1)), u -> new ArrayList<>())
            .add(new EpochKey(rows.getLong(2), rows.getLong(3), SenderKey.of(rows.getBytes(4)))), room.toHex());
    List<Envelope> envelopes = new ArrayList<>();
    query("SELECT envelope FROM room_envelopes WHERE room_id = ? ORDER BY lamport, sender, seq",
        rows -> envelopes.add((Envelope) RoomCodec.decode(rows.getBytes(1))), room.toHex());
    return Optional.of(new StoredRoom(chain, keys, envelopes));
  }

  @Override
  public synchronized void delete(RoomId room) {
    update("DELETE FROM rooms WHERE room_id = ?", room.toHex());
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException.Database("cannot close the room store", e);
    }
  }

  private interface RowReader {
    void read(ResultSet rows) throws SQLException, RoomWireException;
  }

  private void update(String sql, Object... parameters) {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, parameters);
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException.Database("room store write failed", e);
    }
  }

  private void query(String sql, RowReader reader, Object... parameters) {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, parameters);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          reader.read(rows);
        }
      }
    } catch (SQLException e) {
      throw new StoreException.Database("room store read failed", e);
    } catch (RoomWireException e) {
      // We wrote these bytes ourselves: unreadable means the file was damaged.
      throw new StoreException.Database("room store holds a damaged record (" + e.getMessage() + ")", null);
    }
  }

  private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
  }
}
