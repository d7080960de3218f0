package dev.p2pchat.client.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.StringJoiner;

/**
 * A short, human-comparable digest of a user's two public keys. Two people read their fingerprints to
 * each other (or compare them side by side); if they match, no one substituted a key in between.
 *
 * <p>Computed as SHA-512("p2pchat-fingerprint-v1" || Ed25519 key || X25519 key). The digit form takes
 * 12 chunks of 5 bytes, each read as a big-endian number mod 100000 (the shape of Signal's safety
 * numbers: 60 digits, about 199 bits); the hex form is the first 16 bytes, for scanning or pasting.
 */
public final class Fingerprint {
  public static final int GROUPS = 12;
  private static final int BYTES_PER_GROUP = 5;
  private static final int HEX_BYTES = 16;
  private static final byte[] LABEL = "p2pchat-fingerprint-v1".getBytes(StandardCharsets.US_ASCII);

  private final byte[] digest;

  private Fingerprint(byte[] digest) {
    this.digest = digest;
  }

  public static Fingerprint of(PublicKeys keys) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-512");
      sha.update(LABEL);
      sha.update(keys.signing().raw());
      sha.update(keys.dh().raw());
      return new Fingerprint(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-512 missing from the JDK", e);
    }
  }

  /** 12 groups of 5 digits separated by spaces, e.g. {@code "04281 99310 ..."}. */
  public String digits() {
    StringJoiner out = new StringJoiner(" ");
    for (int group = 0; group < GROUPS; group++) {
      long value = 0;
      for (int i = 0; i < BYTES_PER_GROUP; i++) {
        value = value << 8 | (digest[group * BYTES_PER_GROUP + i] & 0xff);
      }
      out.add(String.format("%05d", value % 100_000));
    }
    return out.toString();
  }

  /** The digit form as 3 lines of 4 groups, easier to read aloud. */
  public String digitLines() {
    String[] groups = digits().split(" ");
    StringJoiner lines = new StringJoiner("\n");
    for (int i = 0; i < GROUPS; i += 4) {
      lines.add(String.join(" ", Arrays.copyOfRange(groups, i, i + 4)));
    }
    return lines.toString();
  }

  /** The first 16 digest bytes as lower-case hex in groups of 4 characters. */
  public String hex() {
    String hex = HexFormat.of().formatHex(digest, 0, HEX_BYTES);
    StringJoiner out = new StringJoiner(":");
    for (int i = 0; i < hex.length(); i += 4) {
      out.add(hex.substring(i, i + 4));
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fingerprint other && MessageDigest.isEqual(digest, other.digest);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(Arrays.copyOf(digest, 8));
  }

  @Override
  public String toString() {
    return digits();
  }
}
