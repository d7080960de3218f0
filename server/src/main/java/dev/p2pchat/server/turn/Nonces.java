package dev.p2pchat.server.turn;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless NONCE values for the long-term credential mechanism (RFC 8489 §9.2): the expiry and a
 * MAC over it and the client's transport address, under a key that lives as long as the process.
 * Nothing is stored per client, so a flood of Allocate requests costs no memory; a nonce works only
 * from the address it was given to, until it expires (then 438 Stale Nonce); a restart invalidates
 * all of them, which clients survive by the same 438 retry.
 *
 * <pre>
 * nonce = hex(expiry seconds, 10 digits) ‖ base64url(HMAC-SHA256(key, hex ‖ client))[0..12)
 * </pre>
 *
 * 22 characters: short, because a 401 carries it to anyone who asks (no amplification).
 */
final class Nonces {
  private static final int EXPIRY_DIGITS = 10;
  private static final int TAG_CHARS = 12;
  static final int LENGTH = EXPIRY_DIGITS + TAG_CHARS;

  private final byte[] key;
  private final Duration lifetime;

  Nonces(RandomGenerator random, Duration lifetime) {
    this.key = new byte[32];
    random.nextBytes(key);
    this.lifetime = lifetime;
  }

  /** A fresh nonce for {@code client}. */
  String issue(InetSocketAddress client, Instant now) {
    String expiry = String.format("%010x", now.plus(lifetime).getEpochSecond());
    return expiry + tag(expiry, client);
  }

  /** Whether {@code nonce} was issued by us to {@code client} and has not expired. */
  boolean isValid(String nonce, InetSocketAddress client, Instant now) {
    if (nonce.length() != LENGTH) {
      return false;
    }
    String expiry = nonce.substring(0, EXPIRY_DIGITS);
    byte[] expected = tag(expiry, client).getBytes(StandardCharsets.US_ASCII);
    byte[] given = nonce.substring(EXPIRY_DIGITS).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, given)) {
      return false;
    }
    return Instant.ofEpochSecond(HexFormat.fromHexDigitsToLong(expiry)).isAfter(now);
  }

  private String tag(String expiry, InetSocketAddress client) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(expiry.getBytes(StandardCharsets.US_ASCII));
      mac.update(client.getAddress().getAddress());
      mac.update((byte) (client.getPort() >>> 8));
      mac.update((byte) client.getPort());
      byte[] full = mac.doFinal();
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, 9));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }
}
