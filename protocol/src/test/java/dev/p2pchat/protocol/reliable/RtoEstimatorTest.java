package dev.p2pchat.protocol.reliable;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** RFC 6298 §2 worked by hand: every value below is computed in the comment next to it. */
class RtoEstimatorTest {
    private static final long MS = 1_000_000;

    private static RtoEstimator estimator() {
        return new RtoEstimator(Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofSeconds(10));
    }

    @Test
    void rfcConstants() {
        assertThat(Rfc6298.INITIAL_RTO).isEqualTo(Duration.ofSeconds(1)); // §2.1
        assertThat(1.0 / (1 << Rfc6298.ALPHA_SHIFT)).isEqualTo(1.0 / 8); // §2.3 alpha
        assertThat(1.0 / (1 << Rfc6298.BETA_SHIFT)).isEqualTo(1.0 / 4); // §2.3 beta
        assertThat(Rfc6298.K).isEqualTo(4); // §2.2
        assertThat(Rfc6298.MAX_RTO_FLOOR).isEqualTo(Duration.ofSeconds(60)); // §2.5
        assertThat(Rfc6298.DUP_THRESHOLD).isEqualTo(3); // RFC 6675 §2
    }

    @Test
    void beforeAnySampleRtoIsOneSecond() {
        RtoEstimator rto = estimator();
        assertThat(rto.rto()).isEqualTo(1000 * MS);
        assertThat(rto.srtt()).isEmpty();
    }

    @Test
    void firstSampleSetsSrttAndHalfOfItAsRttvar() {
        RtoEstimator rto = estimator();
        rto.onSample(100 * MS);
        // §2.2: SRTT = 100, RTTVAR = 50, RTO = 100 + max(1, 4 * 50) = 300 ms
        assertThat(rto.srtt()).contains(Duration.ofMillis(100));
        assertThat(rto.rttvar()).isEqualTo(Duration.ofMillis(50));
        assertThat(rto.rto()).isEqualTo(300 * MS);
    }

    @Test
    void laterSamplesUseOldSrttForRttvar() {
        RtoEstimator rto = estimator();
        rto.onSample(100 * MS);
        rto.onSample(200 * MS);
        // §2.3: RTTVAR = 3/4 * 50 + 1/4 * |100 - 200| = 37.5 + 25 = 62.5
        //       SRTT   = 7/8 * 100 + 1/8 * 200 = 87.5 + 25 = 112.5
        //       RTO    = 112.5 + 4 * 62.5 = 362.5 ms
        assertThat(rto.rttvar()).isEqualTo(Duration.ofNanos(62_500_000));
        assertThat(rto.srtt()).contains(Duration.ofNanos(112_500_000));
        assertThat(rto.rto()).isEqualTo(362_500_000);

        rto.onSample(80 * MS);
        // RTTVAR = 3/4 * 62.5 + 1/4 * |112.5 - 80| = 46.875 + 8.125 = 55
        // SRTT   = 7/8 * 112.5 + 1/8 * 80 = 98.4375 + 10 = 108.4375
        // RTO    = 108.4375 + 220 = 328.4375 ms
        assertThat(rto.rttvar()).isEqualTo(Duration.ofMillis(55));
        assertThat(rto.srtt()).contains(Duration.ofNanos(108_437_500));
        assertThat(rto.rto()).isEqualTo(328_437_500);
    }

    @Test
    void steadyLowRttIsHeldAtTheFloor() {
        RtoEstimator rto = estimator();
        for (int i = 0; i < 50; i++) {
            rto.onSample(10 * MS);
        }
        // SRTT -> 10 ms, RTTVAR -> 0: 10 + max(G = 1 ms, ~0) = 11 ms, raised to the 200 ms floor.
        assertThat(rto.rto()).isEqualTo(200 * MS);
    }

    @Test
    void clockGranularityBoundsTheVarianceTerm() {
        RtoEstimator rto = new RtoEstimator(Duration.ofSeconds(1), Duration.ofNanos(1), Duration.ofSeconds(10));
        for (int i = 0; i < 100; i++) {
            rto.onSample(10 * MS);
        }
        assertThat(rto.rto()).isEqualTo(11 * MS); // SRTT 10 + G 1
    }

    @Test
    void backoffDoublesUpToTheCapAndASampleClearsIt() {
        RtoEstimator rto = estimator();
        rto.onSample(100 * MS); // RTO 300 ms
        long[] expected = {600, 1200, 2400, 4800, 9600, 10_000, 10_000};
        for (long ms : expected) {
            rto.backoff();
            assertThat(rto.rto()).isEqualTo(ms * MS);
        }
        assertThat(rto.backoffs()).isEqualTo(6); // stops counting once at the cap
        rto.onSample(100 * MS);
        assertThat(rto.backoffs()).isZero();
        assertThat(rto.rto()).isLessThan(600 * MS);
    }

    @Test
    void initialRtoBacksOffFromOneSecond() {
        RtoEstimator rto = estimator();
        rto.backoff();
        rto.backoff();
        assertThat(rto.rto()).isEqualTo(4000 * MS);
        rto.resetBackoff();
        assertThat(rto.rto()).isEqualTo(1000 * MS);
    }
}
