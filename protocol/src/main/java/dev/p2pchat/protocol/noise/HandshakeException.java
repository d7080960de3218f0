package dev.p2pchat.protocol.noise;

/**
 * A handshake message that could not be processed. The handshake is then dead (Noise §5.3: abort
 * on any error). From the network this is a silent, counted drop: the peer learns nothing.
 */
public final class HandshakeException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a handshake message was refused. */
  public enum Reason {
    /** Shorter than its pattern's keys and tags require. */
    TRUNCATED,
    /** Longer than the 65535 bytes of Noise §3. */
    TOO_LONG,
    /** An AEAD tag did not verify: tampered, or encrypted to a different static key. */
    DECRYPTION_FAILED,
    /** A DH produced all zeros (a small-order public key, RFC 7748 §6.1). */
    WEAK_KEY,
    /** Decrypted, but the payload does not follow this project's framing (index echo, timestamp). */
    BAD_PAYLOAD,
    /** Not this side's turn to read (or write), or the handshake already ended or failed. */
    OUT_OF_ORDER
  }

  private final Reason reason;
  private final int messageIndex;

  public HandshakeException(Reason reason, int messageIndex) {
    super(reason + " at handshake message " + messageIndex, null, false, false);
    this.reason = reason;
    this.messageIndex = messageIndex;
  }

  public Reason reason() {
    return reason;
  }

  /** The 0-based index, within the pattern, of the message that failed. */
  public int messageIndex() {
    return messageIndex;
  }
}
