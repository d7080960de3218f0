package dev.p2pchat.bench.stun;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
  @Test
  void percentilesAreExactToTheMicrosecond() {
    LatencyHistogram h = new LatencyHistogram();
    for (int micros = 1; micros <= 100; micros++) {
      h.record(micros * 1_000L + 999); // sub-microsecond parts are cut off
    }
    assertThat(h.count()).isEqualTo(100);
    assertThat(h.percentileMicros(0.50)).isEqualTo(50);
    assertThat(h.percentileMicros(0.99)).isEqualTo(99);
    assertThat(h.percentileMicros(1.0)).isEqualTo(100);
  }

  @Test
  void aSecondOrMoreIsTheLimitAndNoSamplesIsMinusOne() {
    LatencyHistogram h = new LatencyHistogram();
    assertThat(h.percentileMicros(0.5)).isEqualTo(-1);
    h.record(5_000_000_000L);
    h.record(-7); // a clock step backwards counts as zero, not as an index out of range
    assertThat(h.percentileMicros(0.5)).isZero();
    assertThat(h.percentileMicros(1.0)).isEqualTo(LatencyHistogram.LIMIT_MICROS);
  }
}
