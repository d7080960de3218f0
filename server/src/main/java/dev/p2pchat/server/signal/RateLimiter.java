package dev.p2pchat.server.signal;

import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;

/**
 * A token bucket per client address. Thread-safe: one lock, held only for arithmetic. The table is
 * bounded: when it grows past {@code maxTracked}, buckets that have refilled completely (idle
 * addresses) are dropped, which forgets nothing a limit depends on.
 */
public final class RateLimiter {
  private final RateLimit limit;
  private final InstantSource clock;
  private final int maxTracked;
  private final Map<String, Bucket> buckets = new HashMap<>();

  public RateLimiter(RateLimit limit, InstantSource clock, int maxTracked) {
    this.limit = limit;
    this.clock = clock;
    this.maxTracked = maxTracked;
  }

  /** Takes one token from {@code address}'s bucket; false if it is empty. */
  public synchronized boolean tryAcquire(String address) {
    long nowNanos = nanos();
    if (buckets.size() >= maxTracked) {
      buckets.values().removeIf(b -> b.refill(nowNanos, limit) >= limit.burst());
    }
    Bucket bucket = buckets.computeIfAbsent(address, a -> new Bucket(limit.burst(), nowNanos));
    if (bucket.refill(nowNanos, limit) < 1) {
      return false;
    }
    bucket.tokens -= 1;
    return true;
  }

  synchronized int tracked() {
    return buckets.size();
  }

  private long nanos() {
    var now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private static final class Bucket {
    double tokens;
    long lastNanos;

    Bucket(double tokens, long lastNanos) {
      this.tokens = tokens;
      this.lastNanos = lastNanos;
    }

    /** Adds the tokens earned since the last call (never above the burst); returns the total. */
    double refill(long nowNanos, RateLimit limit) {
      long elapsed = Math.max(0, nowNanos - lastNanos);
      tokens = Math.min(limit.burst(), tokens + elapsed / 1e9 * limit.perSecond());
      lastNanos = nowNanos;
      return tokens;
    }
  }
}
