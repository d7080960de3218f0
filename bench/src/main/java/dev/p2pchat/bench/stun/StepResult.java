package dev.p2pchat.bench.stun;

import java.util.Locale;

/**
 * What one open-loop step measured.
 *
 * @param targetRate requests per second asked for
 * @param sentRate requests per second actually sent (below target when the generator fell behind)
 * @param answeredRate answers per second received while the load was on (after a ramp of a fifth of
 *     the step): at an offered rate above capacity, the server's throughput
 * @param sent requests sent
 * @param answered distinct requests answered before the drain ended
 * @param p50Micros median latency from the request's scheduled send time to its answer
 * @param p99Micros 99th percentile of the same
 * @param invalid answers that failed the full check (should be 0)
 */
record StepResult(long targetRate, double sentRate, double answeredRate, long sent, long answered, long p50Micros, long p99Micros,
    long invalid) {

  double lossFraction() {
    return sent == 0 ? 1 : (double) (sent - answered) / sent;
  }

  /** Whether the generator sent what was asked of it: otherwise the step says nothing of the server. */
  boolean generatorKeptUp() {
    return sentRate >= 0.98 * targetRate;
  }

  String describe() {
    return String.format(Locale.ROOT, "target %,d/s sent %,.0f/s answered %,.0f/s, %,d of %,d (loss %.2f%%) p50 %,d µs p99 %,d µs%s",
        targetRate, sentRate, answeredRate, answered, sent, 100 * lossFraction(), p50Micros, p99Micros,
        invalid > 0 ? " INVALID " + invalid : "");
  }
}
