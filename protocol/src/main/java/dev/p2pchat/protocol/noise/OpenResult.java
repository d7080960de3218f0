package dev.p2pchat.protocol.noise;

/** What {@link SecureChannel#open} made of a packet: its plaintext, or why it was dropped. */
public sealed interface OpenResult {

  /** An authentic, fresh packet. */
  record Opened(byte[] plaintext, long counter) implements OpenResult {
    public Opened {
      plaintext = plaintext.clone();
    }

    @Override
    public byte[] plaintext() {
      return plaintext.clone();
    }

    @Override
    public String toString() {
      return "Opened[counter=" + Long.toUnsignedString(counter) + ", " + plaintext.length + " bytes]";
    }
  }

  /** A dropped packet. */
  record Rejected(Rejection reason) implements OpenResult {}
}
