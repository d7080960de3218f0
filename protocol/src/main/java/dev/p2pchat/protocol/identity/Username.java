package dev.p2pchat.protocol.identity;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A username: 1–32 characters of {@code [a-z0-9_.-]}, starting with a letter or digit. Lower case
 * only, so that one person cannot register "Alice" beside "alice"; a client lower-cases what the
 * user types with {@link #normalize(String)}.
 */
public record Username(String value) {
  public static final int MAX_LENGTH = 32;
  private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0," + (MAX_LENGTH - 1) + "}");

  public Username {
    if (!isValid(value)) {
      throw new IdentityFormatException(
          "user", "must be 1-" + MAX_LENGTH + " characters of a-z 0-9 _ . - starting with a letter or digit");
    }
  }

  /** Parses a username from the wire; it must already be in canonical (lower-case) form. */
  public static Username of(String value) {
    return new Username(value);
  }

  /** What a client does with typed input: trims and lower-cases it, then validates. */
  public static Username normalize(String typed) {
    if (typed == null) {
      throw new IdentityFormatException("user", "missing");
    }
    return new Username(typed.strip().toLowerCase(Locale.ROOT));
  }

  public static boolean isValid(String value) {
    return value != null && VALID.matcher(value).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}
