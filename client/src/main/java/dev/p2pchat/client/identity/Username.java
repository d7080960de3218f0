package dev.p2pchat.client.identity;

import java.util.Locale;
import java.util.regex.Pattern;

/** Usernames per docs/api.md: 1–32 of {@code [a-z0-9_.-]}, starting with a letter or digit. */
public final class Username {
  private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,31}");

  private Username() {}

  /** Lower-cases what the user typed and checks it; throws {@link IllegalArgumentException} if invalid. */
  public static String normalise(String typed) {
    String name = typed.strip().toLowerCase(Locale.ROOT);
    if (!VALID.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "invalid username '" + typed + "': use 1-32 of a-z 0-9 _ . - starting with a letter or digit");
    }
    return name;
  }

  public static boolean isValid(String name) {
    return VALID.matcher(name).matches();
  }
}
