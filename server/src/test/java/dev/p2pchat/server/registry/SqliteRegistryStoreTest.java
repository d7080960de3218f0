package dev.p2pchat.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p2pchat.server.testing.MutableClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteRegistryStoreTest extends RegistryStoreContract {
  @TempDir Path dataDir;
  final MutableClock clock = new MutableClock();

  @Override
  RegistryStore open() {
    return SqliteRegistryStore.open(dataDir, clock);
  }

  private Connection raw() throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(SqliteRegistryStore.FILE_NAME));
  }

  @Test
  void recordsSurviveReopening() {
    bind(alice, T0);
    store.close();
    store = open();
    assertThat(store.find(alice.user())).contains(new UserRecord(alice.user(), alice.signing().publicKey(), alice.dh(), T0, T0));
    assertThat(bind(alice.withOtherKeys(), T1)).isInstanceOf(BindResult.Taken.class);
  }

  @Test
  void theSchemaVersionIsRecordedOnceAndNotReapplied() throws Exception {
    store.close();
    store = open();
    try (Connection db = raw(); Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT version, description, applied_at FROM schema_version ORDER BY version")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(1);
      assertThat(rs.getString(2)).isEqualTo(SqliteRegistryStore.MIGRATIONS.getFirst().description());
      assertThat(rs.getLong(3)).isEqualTo(clock.millis());
      assertThat(rs.next()).as("one row per step, even after reopening").isFalse();
    }
  }

  @Test
  void theStoredRowsHoldKeysAndTimesButNothingElse() throws Exception {
    bind(alice, T0);
    try (Connection db = raw(); Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM users")) {
      assertThat(rs.getMetaData().getColumnCount()).isEqualTo(5);
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("username")).isEqualTo("alice");
      assertThat(rs.getBytes("signing_key")).isEqualTo(alice.signing().publicKey().raw());
      assertThat(rs.getLong("created_at")).isEqualTo(T0.toEpochMilli());
    }
  }

  @Test
  void aDatabaseFromANewerServerIsRefused() throws Exception {
    store.close();
    try (Connection db = raw(); Statement s = db.createStatement()) {
      s.executeUpdate("INSERT INTO schema_version (version, description, applied_at) VALUES (99, 'future', 0)");
    }
    assertThatThrownBy(this::open).isInstanceOf(RegistryException.class).hasMessageContaining("99");
    store = new InMemoryRegistryStore(); // for the contract's close
  }

  @Test
  void pendingStepsApplyInOrderAndAFailedStepLeavesTheVersionBehind() throws Exception {
    Migration one = new Migration(1, "a", List.of("CREATE TABLE a (x INTEGER)"));
    Migration two = new Migration(2, "b", List.of("CREATE TABLE b (x INTEGER)", "INSERT INTO b VALUES (1)"));
    Migration broken = new Migration(3, "broken", List.of("CREATE TABLE c (x INTEGER)", "NOT SQL"));
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("m.db"))) {
      assertThat(new SchemaMigrator(List.of(one), clock).migrate(db)).isEqualTo(1);
      assertThat(new SchemaMigrator(List.of(one, two), clock).migrate(db)).isEqualTo(2);
      assertThatThrownBy(() -> new SchemaMigrator(List.of(one, two, broken), clock).migrate(db))
          .isInstanceOf(java.sql.SQLException.class);
      assertThat(SchemaMigrator.currentVersion(db)).isEqualTo(2);
      try (Statement s = db.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'c'")) {
        assertThat(rs.getInt(1)).as("the failed step's first statement was rolled back").isZero();
      }
    }
  }

  @Test
  void migrationsMustBeNumberedWithoutGaps() {
    assertThatThrownBy(() -> new SchemaMigrator(List.of(new Migration(2, "x", List.of())), clock))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
