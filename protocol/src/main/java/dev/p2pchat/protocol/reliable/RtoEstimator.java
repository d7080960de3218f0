package dev.p2pchat.protocol.reliable;

import java.time.Duration;
import java.util.Optional;

/**
 * The retransmission timeout of RFC 6298 §2, with exponential backoff (§5.5) and a floor and cap
 * chosen in {@link StreamConfig}. Times are in nanoseconds; the gains 1/8 and 1/4 are applied with
 * integer arithmetic, so hand-computed examples in whole milliseconds come out exact.
 */
final class RtoEstimator {
    private final long minRto;
    private final long maxRto;
    private final long granularity = Rfc6298.CLOCK_GRANULARITY.toNanos();
    private long srtt = -1; // -1: no sample yet (§2.1)
    private long rttvar;
    private long baseRto;
    private int backoffs;

    RtoEstimator(Duration initialRto, Duration minRto, Duration maxRto) {
        this.minRto = minRto.toNanos();
        this.maxRto = maxRto.toNanos();
        this.baseRto = clamp(initialRto.toNanos());
    }

    /** Feeds one RTT measurement R (§2.2 for the first, §2.3 after); clears any backoff. */
    void onSample(long rttNanos) {
        long r = Math.max(rttNanos, 0);
        if (srtt < 0) {
            srtt = r;
            rttvar = r / 2;
        } else {
            // §2.3: RTTVAR is updated first, with the old SRTT.
            rttvar = rttvar - (rttvar >> Rfc6298.BETA_SHIFT) + (Math.abs(srtt - r) >> Rfc6298.BETA_SHIFT);
            srtt = srtt - (srtt >> Rfc6298.ALPHA_SHIFT) + (r >> Rfc6298.ALPHA_SHIFT);
        }
        baseRto = clamp(srtt + Math.max(granularity, Rfc6298.K * rttvar));
        backoffs = 0;
    }

    /** §5.5: the timer expired, double RTO (up to the cap) until the next sample. */
    void backoff() {
        if (rto() < maxRto) {
            backoffs++;
        }
    }

    /** Forgets the backoff without a sample: the path under the stream changed and deserves a fresh try. */
    void resetBackoff() {
        backoffs = 0;
    }

    long rto() {
        long rto = baseRto;
        for (int i = 0; i < backoffs && rto < maxRto; i++) {
            rto *= 2;
        }
        return Math.min(rto, maxRto);
    }

    Optional<Duration> srtt() {
        return srtt < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(srtt));
    }

    Duration rttvar() {
        return Duration.ofNanos(rttvar);
    }

    int backoffs() {
        return backoffs;
    }

    private long clamp(long rto) {
        return Math.min(Math.max(rto, minRto), maxRto);
    }
}
