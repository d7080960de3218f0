package dev.p2pchat.protocol.stun;

import static dev.p2pchat.protocol.stun.StunConstants.MESSAGE_INTEGRITY;
import static dev.p2pchat.protocol.stun.StunConstants.MESSAGE_INTEGRITY_LENGTH;
import static dev.p2pchat.protocol.stun.StunConstants.MESSAGE_INTEGRITY_SHA256;
import static dev.p2pchat.protocol.stun.StunConstants.MESSAGE_INTEGRITY_SHA256_LENGTH;
import static dev.p2pchat.protocol.stun.StunConstants.MESSAGE_INTEGRITY_SHA256_MIN_LENGTH;
import static dev.p2pchat.protocol.stun.StunConstants.PASSWORD_ALGORITHM;
import static dev.p2pchat.protocol.stun.StunConstants.PASSWORD_ALGORITHMS;
import static dev.p2pchat.protocol.stun.StunConstants.USERHASH;
import static dev.p2pchat.protocol.stun.StunConstants.USERHASH_LENGTH;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Attributes of the credential mechanisms (RFC 8489 §9). The integrity records hold what was on the
 * wire; to compute or check one, use {@link StunEncoder#withIntegrity} and {@link
 * StunIntegrity#verify}. Byte arrays are copied in and out.
 */
public sealed interface AuthAttribute extends StunAttribute {

  /** RFC 8489 §14.5: HMAC-SHA1 over the message up to this attribute. */
  record MessageIntegrity(byte[] hmac) implements AuthAttribute {
    public MessageIntegrity {
      if (hmac.length != MESSAGE_INTEGRITY_LENGTH) {
        throw new IllegalArgumentException("MESSAGE-INTEGRITY has 20 bytes, not " + hmac.length);
      }
      hmac = hmac.clone();
    }

    @Override
    public byte[] hmac() {
      return hmac.clone();
    }

    @Override
    public int type() {
      return MESSAGE_INTEGRITY;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof MessageIntegrity other && Arrays.equals(hmac, other.hmac);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(hmac);
    }

    @Override
    public String toString() {
      return "MessageIntegrity[" + HexFormat.of().formatHex(hmac) + "]";
    }
  }

  /** RFC 8489 §14.6: HMAC-SHA256, possibly truncated to 16-28 bytes in steps of 4. */
  record MessageIntegritySha256(byte[] hmac) implements AuthAttribute {
    public MessageIntegritySha256 {
      int n = hmac.length;
      if (n < MESSAGE_INTEGRITY_SHA256_MIN_LENGTH || n > MESSAGE_INTEGRITY_SHA256_LENGTH || n % 4 != 0) {
        throw new IllegalArgumentException("MESSAGE-INTEGRITY-SHA256 has 16 to 32 bytes in steps of 4, not " + n);
      }
      hmac = hmac.clone();
    }

    @Override
    public byte[] hmac() {
      return hmac.clone();
    }

    @Override
    public int type() {
      return MESSAGE_INTEGRITY_SHA256;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof MessageIntegritySha256 other && Arrays.equals(hmac, other.hmac);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(hmac);
    }

    @Override
    public String toString() {
      return "MessageIntegritySha256[" + HexFormat.of().formatHex(hmac) + "]";
    }
  }

  /** RFC 8489 §14.4: SHA-256(username ":" realm), sent instead of USERNAME for anonymity. */
  record Userhash(byte[] hash) implements AuthAttribute {
    public Userhash {
      if (hash.length != USERHASH_LENGTH) {
        throw new IllegalArgumentException("USERHASH has 32 bytes, not " + hash.length);
      }
      hash = hash.clone();
    }

    /** RFC 8489 §14.4: SHA-256 of the UTF-8 of username ":" realm (both already OpaqueString-prepared). */
    public static Userhash of(String username, String realm) {
      try {
        return new Userhash(MessageDigest.getInstance("SHA-256").digest(Utf8.encode(username + ":" + realm)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JDK has SHA-256", e);
      }
    }

    @Override
    public byte[] hash() {
      return hash.clone();
    }

    @Override
    public int type() {
      return USERHASH;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Userhash other && Arrays.equals(hash, other.hash);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
      return "Userhash[" + HexFormat.of().formatHex(hash) + "]";
    }
  }

  /**
   * RFC 8489 §14.12: the algorithm the client chose; also one entry of {@link PasswordAlgorithms}.
   * Parameters are empty for MD5 and SHA-256, the two algorithms RFC 8489 §18.5 defines.
   */
  record PasswordAlgorithm(int algorithm, byte[] parameters) implements AuthAttribute {
    /** The longest parameter list that still fits a 16-bit attribute length with the 4-byte prefix. */
    static final int MAX_PARAMETERS_LENGTH = 0xFFFF - 4;

    public PasswordAlgorithm {
      if (algorithm < 0 || algorithm > 0xFFFF) {
        throw new IllegalArgumentException("password algorithm out of range: " + algorithm);
      }
      if (parameters.length > MAX_PARAMETERS_LENGTH) {
        throw new IllegalArgumentException("password algorithm parameters too long: " + parameters.length);
      }
      parameters = parameters.clone();
    }

    public PasswordAlgorithm(int algorithm) {
      this(algorithm, new byte[0]);
    }

    @Override
    public byte[] parameters() {
      return parameters.clone();
    }

    @Override
    public int type() {
      return PASSWORD_ALGORITHM;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof PasswordAlgorithm other
          && algorithm == other.algorithm
          && Arrays.equals(parameters, other.parameters);
    }

    @Override
    public int hashCode() {
      return 31 * algorithm + Arrays.hashCode(parameters);
    }

    @Override
    public String toString() {
      return "PasswordAlgorithm[" + algorithm + ", " + HexFormat.of().formatHex(parameters) + "]";
    }
  }

  /** RFC 8489 §14.11: the algorithms a server offers, in order of preference. */
  record PasswordAlgorithms(List<PasswordAlgorithm> algorithms) implements AuthAttribute {
    public PasswordAlgorithms {
      algorithms = List.copyOf(algorithms);
    }

    @Override
    public int type() {
      return PASSWORD_ALGORITHMS;
    }
  }
}
