package dev.p2pchat.client.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The one public door to {@link Migrations}, for stores outside this package that share
 * {@code chat.db} (rooms): whoever opens the file first brings it to the current schema.
 */
public final class Schema {
  private Schema() {}

  /** Applies the migrations not yet applied; refuses a database from a newer client. */
  public static void migrate(Connection connection) throws SQLException {
    Migrations.apply(connection);
  }
}
