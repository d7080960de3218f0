package dev.p2pchat.traversal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.traversal.Liveness.Verdict;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The loss-detection policy with scripted times. */
class LivenessTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Duration PROBE = Duration.ofMillis(750);

    @Test
    void anUnansweredPingIsRepeatedNTimesThenThePathIsLost() {
        Liveness l = new Liveness(T0, PROBE, 2);
        assertThat(l.pinged(T0.plusSeconds(10))).isTrue();
        assertThat(l.pinged(T0.plusSeconds(10))).as("one probe sequence at a time").isFalse();
        assertThat(l.onTimer()).isEqualTo(Verdict.PROBE);
        assertThat(l.onTimer()).isEqualTo(Verdict.PROBE);
        assertThat(l.onTimer()).isEqualTo(Verdict.LOST);
    }

    @Test
    void anyFrameHeardEndsTheProbing() {
        Liveness l = new Liveness(T0, PROBE, 2);
        l.pinged(T0.plusSeconds(10));
        assertThat(l.onTimer()).isEqualTo(Verdict.PROBE);
        l.heard(T0.plusSeconds(11));
        assertThat(l.onTimer()).isEqualTo(Verdict.FINE);
        assertThat(l.pinged(T0.plusSeconds(20))).as("a new sequence starts from scratch").isTrue();
        assertThat(l.onTimer()).isEqualTo(Verdict.PROBE);
        assertThat(l.onTimer()).isEqualTo(Verdict.PROBE);
        assertThat(l.onTimer()).isEqualTo(Verdict.LOST);
    }

    @Test
    void aPayloadAfterTwoProbeIntervalsOfSilenceIsUntrusted() {
        Liveness l = new Liveness(T0, PROBE, 5);
        assertThat(l.untrusted(T0.plus(PROBE))).isFalse();
        assertThat(l.untrusted(T0.plus(PROBE.multipliedBy(2)).plusMillis(1))).isTrue();
        l.pinged(T0.plusSeconds(5));
        assertThat(l.untrusted(T0.plusSeconds(6))).as("already probing").isFalse();
    }

    @Test
    void troubleStartsWithTheFirstUnansweredPingOrElseAtTheLastFrameHeard() {
        Liveness l = new Liveness(T0, PROBE, 5);
        l.heard(T0.plusSeconds(3));
        assertThat(l.troubleSince()).isEqualTo(T0.plusSeconds(3));
        l.pinged(T0.plusSeconds(10));
        l.pinged(T0.plusSeconds(11));
        assertThat(l.troubleSince()).isEqualTo(T0.plusSeconds(10));
    }
}
