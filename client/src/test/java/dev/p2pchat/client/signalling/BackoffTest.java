package dev.p2pchat.client.signalling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));

  @Test
  void nominalDelayDoublesUpToTheCap() {
    assertThat(backoff.nominalMillis(0)).isEqualTo(500);
    assertThat(backoff.nominalMillis(1)).isEqualTo(1000);
    assertThat(backoff.nominalMillis(5)).isEqualTo(16_000);
    assertThat(backoff.nominalMillis(6)).isEqualTo(30_000);
    assertThat(backoff.nominalMillis(1_000)).isEqualTo(30_000);
  }

  @Test
  void jitteredDelayStaysBetweenHalfAndTheNominalDelayAndVaries() {
    Random random = new Random(42);
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = 0; i < 1000; i++) {
      long delay = backoff.delay(3, random).toMillis();
      min = Math.min(min, delay);
      max = Math.max(max, delay);
    }
    assertThat(min).isGreaterThanOrEqualTo(2000);
    assertThat(max).isLessThanOrEqualTo(4000);
    assertThat(max - min).isGreaterThan(1000);
  }
}
