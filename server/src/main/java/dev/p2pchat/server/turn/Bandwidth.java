package dev.p2pchat.server.turn;

/** A per-allocation bandwidth limit: a sustained rate and a burst, in payload bytes. */
public record Bandwidth(long bytesPerSecond, long burstBytes) {
  public Bandwidth {
    if (bytesPerSecond < 1 || burstBytes < 1) {
      throw new IllegalArgumentException("a bandwidth limit needs a rate and a burst of at least 1 byte");
    }
  }

  /** A burst of one second's worth. */
  public static Bandwidth of(long bytesPerSecond) {
    return new Bandwidth(bytesPerSecond, bytesPerSecond);
  }
}
