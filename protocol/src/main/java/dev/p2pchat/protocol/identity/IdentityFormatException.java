package dev.p2pchat.protocol.identity;

/**
 * A key, signature, nonce or username in text or raw form that is not well formed. Carries the name
 * of the offending field (as it appears on the wire, e.g. {@code signing_key}) so a server can tell
 * the client which field to fix. The message never contains key bytes.
 */
public final class IdentityFormatException extends IllegalArgumentException {
  private final String field;

  public IdentityFormatException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  /** The wire name of the field that failed to parse. */
  public String field() {
    return field;
  }
}
