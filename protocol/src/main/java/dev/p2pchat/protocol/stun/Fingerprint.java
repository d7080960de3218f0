package dev.p2pchat.protocol.stun;

/**
 * RFC 8489 §14.7: CRC-32 of the message before it, XOR 0x5354554E; always the last attribute. Holds the
 * value as received; {@link StunEncoder#withFingerprint()} computes one and {@link
 * StunIntegrity#verifyFingerprint} checks one.
 */
public record Fingerprint(int crc) implements StunAttribute {
  @Override
  public int type() {
    return StunConstants.FINGERPRINT;
  }

  @Override
  public String toString() {
    return String.format("Fingerprint[%08x]", crc);
  }
}
