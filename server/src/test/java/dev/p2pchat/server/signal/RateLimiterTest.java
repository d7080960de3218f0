package dev.p2pchat.server.signal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.server.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  final MutableClock clock = new MutableClock();

  @Test
  void allowsTheBurstThenRefillsAtTheRate() {
    RateLimiter limiter = new RateLimiter(new RateLimit(3, 2), clock, 100);
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryAcquire("a")).isTrue();
    }
    assertThat(limiter.tryAcquire("a")).isFalse();
    assertThat(limiter.tryAcquire("b")).as("another address has its own bucket").isTrue();
    clock.advance(Duration.ofMillis(499));
    assertThat(limiter.tryAcquire("a")).isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isFalse();
    clock.advance(Duration.ofHours(1));
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryAcquire("a")).as("never more than the burst").isTrue();
    }
    assertThat(limiter.tryAcquire("a")).isFalse();
  }

  @Test
  void idleBucketsAreForgottenWhenTheTableIsFull() {
    RateLimiter limiter = new RateLimiter(new RateLimit(1, 1), clock, 10);
    for (int i = 0; i < 10; i++) {
      limiter.tryAcquire("10.0.0." + i);
    }
    limiter.tryAcquire("busy");
    clock.advance(Duration.ofSeconds(5));
    limiter.tryAcquire("new");
    assertThat(limiter.tracked()).isLessThanOrEqualTo(2);
  }

  @Test
  void aLimitedAddressStaysLimitedWhileBusy() {
    RateLimiter limiter = new RateLimiter(new RateLimit(1, 1), clock, 2);
    assertThat(limiter.tryAcquire("flood")).isTrue();
    assertThat(limiter.tryAcquire("x")).isTrue();
    assertThat(limiter.tryAcquire("y")).isTrue(); // table full: only refilled buckets go
    assertThat(limiter.tryAcquire("flood")).isFalse();
  }
}
