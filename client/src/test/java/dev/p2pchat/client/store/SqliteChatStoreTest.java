package dev.p2pchat.client.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteChatStoreTest extends ChatStoreContract {
  @TempDir Path dir;

  @Override
  ChatStore newStore() {
    return SqliteChatStore.open(dir.resolve(ChatStore.FILE_NAME));
  }

  @Test
  void outboxAndContactsSurviveAReopen() {
    UUID id = UUID.randomUUID();
    store.pin(BOB, keys(1), T0);
    store.setVerified(BOB, true);
    store.enqueue(id, "bob", "alice", "wait for me", T0);
    store.markSent(id, T0);
    UUID incoming = UUID.randomUUID();
    store.receive(incoming, "bob", "bob", "hi", T0);
    store.close();

    store = newStore();

    assertThat(store.contact(BOB)).hasValueSatisfying(c -> {
      assertThat(c.keys()).isEqualTo(keys(1));
      assertThat(c.verified()).isTrue();
      assertThat(c.firstSeen()).isEqualTo(T0);
    });
    assertThat(store.outbox("bob")).singleElement().satisfies(m -> {
      assertThat(m.id()).isEqualTo(id);
      assertThat(m.state()).isEqualTo(MessageState.SENT);
      assertThat(m.text()).isEqualTo("wait for me");
    });
    assertThat(store.receive(incoming, "bob", "bob", "hi", T0)).isFalse();
  }

  @Test
  void databaseIsPrivateMigratedAndInWalMode() throws Exception {
    Path file = dir.resolve(ChatStore.FILE_NAME);

    assertThat(((SqliteChatStore) store).schemaVersion()).isEqualTo(Migrations.STEPS.size());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    try (var connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        ResultSet rows = connection.createStatement().executeQuery("PRAGMA journal_mode")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualToIgnoringCase("wal");
    }
  }

  @Test
  void refusesADatabaseFromANewerClient() throws Exception {
    store.close();
    Path file = dir.resolve(ChatStore.FILE_NAME);
    try (var connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      connection.createStatement().executeUpdate("UPDATE schema_version SET version = 99");
    }

    assertThatThrownBy(() -> SqliteChatStore.open(file))
        .isInstanceOf(StoreException.Database.class)
        .hasMessageContaining("newer");
    store = new InMemoryChatStore(); // for the @AfterEach close
  }

  @Test
  void aFileThatIsNotADatabaseIsATypedError() throws Exception {
    Path file = dir.resolve("garbage.db");
    Files.writeString(file, "this is not an SQLite database, just text that is long enough to matter....");

    assertThatThrownBy(() -> SqliteChatStore.open(file)).isInstanceOf(StoreException.Database.class);
  }
}
