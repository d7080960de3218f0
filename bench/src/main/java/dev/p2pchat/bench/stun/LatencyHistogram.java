package dev.p2pchat.bench.stun;

/**
 * Latencies in microseconds: one counter per microsecond up to {@link #LIMIT_MICROS}, and one for
 * everything slower. Exact where it matters (a loopback answer takes tens of microseconds) and
 * allocation-free while recording.
 */
final class LatencyHistogram {
  static final int LIMIT_MICROS = 1_000_000;

  private final long[] counts = new long[LIMIT_MICROS + 1];
  private long total;

  void record(long nanos) {
    long micros = Math.max(0, nanos / 1_000);
    counts[(int) Math.min(micros, LIMIT_MICROS)]++;
    total++;
  }

  long count() {
    return total;
  }

  /**
   * The latency below which {@code fraction} of the samples fall, in microseconds; {@link
   * #LIMIT_MICROS} stands for "a second or more", and -1 means no samples.
   */
  long percentileMicros(double fraction) {
    if (total == 0) {
      return -1;
    }
    long rank = (long) Math.ceil(fraction * total);
    long seen = 0;
    for (int micros = 0; micros < counts.length; micros++) {
      seen += counts[micros];
      if (seen >= rank) {
        return micros;
      }
    }
    return LIMIT_MICROS;
  }
}
