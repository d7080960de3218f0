package dev.p2pchat.protocol.turn;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * The shared secret of the TURN REST API credential scheme: the text given to coturn as {@code
 * --static-auth-secret}, whose UTF-8 bytes are the HMAC key. {@link #toString()} never prints it.
 */
public final class TurnSecret {
  /** 32 random bytes, as 64 hex digits: a secret that survives any config file or command line. */
  private static final int GENERATED_BYTES = 32;

  private final String text;

  private TurnSecret(String text) {
    this.text = text;
  }

  public static TurnSecret of(String text) {
    if (text.isBlank()) {
      throw new IllegalArgumentException("a TURN secret must not be empty");
    }
    return new TurnSecret(text);
  }

  /** A fresh secret; pass a SecureRandom. */
  public static TurnSecret generate(RandomGenerator random) {
    byte[] bytes = new byte[GENERATED_BYTES];
    random.nextBytes(bytes);
    return new TurnSecret(HexFormat.of().formatHex(bytes));
  }

  /** The secret as text, for storing it; nothing else should read it. */
  public String reveal() {
    return text;
  }

  byte[] keyBytes() {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TurnSecret other && MessageDigest.isEqual(keyBytes(), other.keyBytes());
  }

  @Override
  public int hashCode() {
    return 0; // never leak anything about the secret through hashing
  }

  @Override
  public String toString() {
    return "TurnSecret[hidden]";
  }
}
