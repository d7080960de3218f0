package dev.p2pchat.client;

import java.nio.file.Path;

/**
 * Where a user's client keeps its files: {@code identity.key} and {@code chat.db}. One directory per
 * user, so that several users can run on one machine (and tests can run two clients side by side).
 */
public final class DataDirectory {
  /** The folder under the home directory that holds one sub-directory per user. */
  public static final String DEFAULT_PARENT = ".p2pchat";

  private DataDirectory() {}

  /** {@code override} if given, else {@code <home>/.p2pchat/<user>}. */
  public static Path resolve(Path override, String user, Path home) {
    if (override != null) {
      return override;
    }
    if (user == null) {
      throw new IllegalArgumentException("a user name or a data directory is needed");
    }
    return home.resolve(DEFAULT_PARENT).resolve(user);
  }

  /** {@link #resolve(Path, String, Path)} with the JVM's {@code user.home}. */
  public static Path resolve(Path override, String user) {
    return resolve(override, user, Path.of(System.getProperty("user.home")));
  }
}
