package dev.p2pchat.server.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database to the newest schema: reads the highest version in {@code schema_version},
 * applies each newer {@link Migration} in order, each in one transaction together with its
 * {@code schema_version} row, so a crash leaves the database at a whole step. A database newer than
 * this code is refused rather than guessed at.
 */
public final class SchemaMigrator {
  private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);

  private final List<Migration> migrations;
  private final InstantSource clock;

  public SchemaMigrator(List<Migration> migrations, InstantSource clock) {
    for (int i = 0; i < migrations.size(); i++) {
      if (migrations.get(i).version() != i + 1) {
        throw new IllegalArgumentException("migrations must be numbered 1, 2, 3... without gaps");
      }
    }
    this.migrations = List.copyOf(migrations);
    this.clock = clock;
  }

  /** Applies every pending step; returns the schema version the database is at afterwards. */
  public int migrate(Connection db) throws SQLException {
    try (Statement s = db.createStatement()) {
      s.executeUpdate("CREATE TABLE IF NOT EXISTS schema_version ("
          + "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL)");
    }
    int current = currentVersion(db);
    if (current > migrations.size()) {
      throw new RegistryException("the registry has schema version " + current
          + " but this server knows only up to " + migrations.size() + "; use a newer server");
    }
    for (Migration step : migrations.subList(current, migrations.size())) {
      apply(db, step);
    }
    return migrations.size();
  }

  public static int currentVersion(Connection db) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  private void apply(Connection db, Migration step) throws SQLException {
    boolean autoCommit = db.getAutoCommit();
    db.setAutoCommit(false);
    try (Statement s = db.createStatement();
        PreparedStatement record = db.prepareStatement(
            "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
      for (String sql : step.statements()) {
        s.executeUpdate(sql);
      }
      record.setInt(1, step.version());
      record.setString(2, step.description());
      record.setLong(3, clock.millis());
      record.executeUpdate();
      db.commit();
      log.info("registry schema migrated to version {}: {}", step.version(), step.description());
    } catch (SQLException | RuntimeException e) {
      db.rollback();
      throw e;
    } finally {
      db.setAutoCommit(autoCommit);
    }
  }
}
