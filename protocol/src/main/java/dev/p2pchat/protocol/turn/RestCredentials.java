package dev.p2pchat.protocol.turn;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The TURN REST API credential scheme (draft-uberti-behave-turn-rest-00 §2.2), as coturn implements
 * it with {@code --use-auth-secret --static-auth-secret=SECRET}:
 *
 * <pre>
 * username = "&lt;expiry, Unix seconds&gt;:&lt;user&gt;"
 * password = base64(HMAC-SHA1(SECRET, username))
 * </pre>
 *
 * The relay needs no user database: it recomputes the password from the username and refuses it once
 * the expiry has passed. The long-term credential key is then the usual MD5(username:realm:password).
 */
public final class RestCredentials {
  private RestCredentials() {}

  /** The username for {@code user} valid until {@code expiry} (whole seconds; the fraction is dropped). */
  public static String username(Instant expiry, String user) {
    if (user.isEmpty() || user.indexOf(':') >= 0) {
      throw new IllegalArgumentException("a REST API user must be non-empty and without ':'");
    }
    return expiry.getEpochSecond() + ":" + user;
  }

  /** base64(HMAC-SHA1(secret, username)): what the signalling server hands out, what the relay recomputes. */
  public static String password(TurnSecret secret, String username) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret.keyBytes(), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA1", e);
    }
  }

  /**
   * The expiry in a REST API username, or empty if it has none. coturn accepts the timestamp on
   * either side of the colon; we issue and read only "expiry:user".
   */
  public static Optional<Instant> expiry(String username) {
    int colon = username.indexOf(':');
    String digits = colon < 0 ? username : username.substring(0, colon);
    if (digits.isEmpty() || digits.length() > 12 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    return Optional.of(Instant.ofEpochSecond(Long.parseLong(digits)));
  }

  /** The user after the colon, which quotas count by; the whole username if there is no colon. */
  public static String user(String username) {
    int colon = username.indexOf(':');
    return colon < 0 ? username : username.substring(colon + 1);
  }
}
