package dev.p2pchat.server.turn;

import java.time.Duration;
import java.time.Instant;

/**
 * The bandwidth of one allocation, in payload bytes, both directions together: up to {@code burst}
 * at once, refilled at {@code bytesPerSecond}. Not thread-safe; the relay's lock guards it.
 */
final class TokenBucket {
  private final long bytesPerSecond;
  private final long burst;
  private double tokens;
  private Instant last;

  TokenBucket(long bytesPerSecond, long burst, Instant now) {
    if (bytesPerSecond < 1 || burst < 1) {
      throw new IllegalArgumentException("a bandwidth limit needs a rate and a burst of at least 1 byte");
    }
    this.bytesPerSecond = bytesPerSecond;
    this.burst = burst;
    this.tokens = burst;
    this.last = now;
  }

  /** Takes {@code bytes} tokens if there are that many; a datagram is relayed whole or not at all. */
  boolean tryTake(int bytes, Instant now) {
    refill(now);
    if (tokens < bytes) {
      return false;
    }
    tokens -= bytes;
    return true;
  }

  private void refill(Instant now) {
    if (now.isAfter(last)) {
      double seconds = Duration.between(last, now).toNanos() / 1e9;
      tokens = Math.min(burst, tokens + seconds * bytesPerSecond);
      last = now;
    }
  }
}
