package dev.p2pchat.client.signalling;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Reconnect delays: exponential from {@code initial} up to {@code max}, with "equal jitter" (half the
 * delay fixed, half random) so that many clients cut off by one server restart do not all come back
 * in the same millisecond, while none retries sooner than half the nominal delay.
 */
public record Backoff(Duration initial, Duration max) {
  public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));

  public Backoff {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("need 0 < initial <= max");
    }
  }

  /** The delay before reconnect attempt number {@code attempt} (0 for the first retry). */
  public Duration delay(int attempt, RandomGenerator random) {
    long nominal = nominalMillis(attempt);
    long half = nominal / 2;
    return Duration.ofMillis(half + random.nextLong(nominal - half + 1));
  }

  long nominalMillis(int attempt) {
    long millis = initial.toMillis();
    for (int i = 0; i < attempt && millis < max.toMillis(); i++) {
      millis *= 2;
    }
    return Math.min(millis, max.toMillis());
  }
}
