package dev.p2pchat.server;

/**
 * A configuration the server cannot use. The message says where the value came from (file,
 * environment variable, flag) and names the key, so the operator can fix it without guessing.
 */
public final class ConfigException extends Exception {
  private final String key;

  public ConfigException(String key, String message) {
    super(message);
    this.key = key;
  }

  /** The offending key, or null when the problem is not one key (e.g. the file is not JSON). */
  public String key() {
    return key;
  }
}
