package dev.p2pchat.server.signal;

/** A token bucket's shape: up to {@code burst} at once, refilled at {@code perSecond}. */
public record RateLimit(int burst, double perSecond) {
  public RateLimit {
    if (burst < 1 || !(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("a rate limit needs burst >= 1 and a finite rate > 0");
    }
  }
}
