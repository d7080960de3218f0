package dev.p2pchat.server.registry;

import java.util.List;

/**
 * One step of the registry schema: applied once, in version order, in its own transaction, and
 * recorded in {@code schema_version}. A released step is never edited; a change is a new step.
 */
public record Migration(int version, String description, List<String> statements) {
  public Migration {
    if (version < 1) {
      throw new IllegalArgumentException("migration versions start at 1");
    }
    statements = List.copyOf(statements);
  }
}
