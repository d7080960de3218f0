package dev.p2pchat.protocol.noise;

/** Bytes that are not a valid p2p Noise message; from the network: drop and count. */
public final class WireFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient WireError error;

  public WireFormatException(WireError error) {
    super(error.toString(), null, false, false);
    this.error = error;
  }

  public WireError error() {
    return error;
  }
}
