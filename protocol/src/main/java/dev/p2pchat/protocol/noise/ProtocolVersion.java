package dev.p2pchat.protocol.noise;

import java.util.Optional;

/**
 * The handshake protocol a handshake message speaks, carried in its version byte. A new version (a
 * hybrid post-quantum handshake with ML-KEM, say) gets a new constant; peers that do not know it
 * get a typed {@link WireError.UnsupportedVersion} and can answer or drop, instead of misparsing.
 */
public enum ProtocolVersion {
  /** Noise_IK_25519_ChaChaPoly_SHA256. */
  V1(1, HandshakePattern.IK);

  private final int wire;
  private final HandshakePattern pattern;

  ProtocolVersion(int wire, HandshakePattern pattern) {
    this.wire = wire;
    this.pattern = pattern;
  }

  public int wire() {
    return wire;
  }

  public HandshakePattern pattern() {
    return pattern;
  }

  /** Smallest Noise message {@code index} can be: its keys, tags and an empty payload's tag. */
  int minimumNoiseLength(int index) {
    int length = 0;
    boolean keyed = false;
    for (int i = 0; i <= index; i++) {
      length = 0;
      for (Token token : pattern.messages().get(i)) {
        switch (token) {
          case E -> length += NoiseSpec.DH_LENGTH;
          case S -> length += NoiseSpec.DH_LENGTH + (keyed ? NoiseSpec.TAG_LENGTH : 0);
          default -> keyed = true;
        }
      }
      length += keyed ? NoiseSpec.TAG_LENGTH : 0;
    }
    return length;
  }

  /**
   * The Noise prologue of this version: both sides must agree on it, so a version byte changed in
   * flight (a downgrade) makes the handshake fail instead of silently speaking another protocol.
   */
  public byte[] prologue() {
    byte[] label = "p2pchat noise".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] prologue = java.util.Arrays.copyOf(label, label.length + 1);
    prologue[label.length] = (byte) wire;
    return prologue;
  }

  public static Optional<ProtocolVersion> of(int wire) {
    for (ProtocolVersion version : values()) {
      if (version.wire == wire) {
        return Optional.of(version);
      }
    }
    return Optional.empty();
  }
}
