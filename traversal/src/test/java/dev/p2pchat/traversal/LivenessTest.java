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

    @Test
    void dataUnansweredForAProbeIntervalIsOverdueUnlessAFrameCameBack() {
        Liveness l = new Liveness(T0, PROBE, 5);
        assertThat(l.expectAnswer(T0.plusSeconds(1))).as("the first data arms the check").isTrue();
        assertThat(l.expectAnswer(T0.plusSeconds(1).plusMillis(100))).as("later data waits for the same answer").isFalse();
        assertThat(l.answerOverdue(T0.plusSeconds(1).plus(PROBE).minusMillis(1))).isFalse();
        assertThat(l.answerOverdue(T0.plusSeconds(1).plus(PROBE))).isTrue();

        l.heard(T0.plusSeconds(1).plusMillis(200)); // the ACK
        assertThat(l.answerOverdue(T0.plusSeconds(3))).as("answered").isFalse();
        assertThat(l.expectAnswer(T0.plusSeconds(3))).as("new data arms it again").isTrue();
        l.pinged(T0.plusSeconds(3).plusMillis(10));
        assertThat(l.answerOverdue(T0.plusSeconds(5))).as("a PING is out already: the probes take over").isFalse();
        assertThat(l.expectAnswer(T0.plusSeconds(5))).isFalse();
        assertThat(l.inDoubt()).isTrue();
    }

    @Test
    void repeatsCountTheUnansweredProbes() {
        Liveness l = new Liveness(T0, PROBE, 5);
        l.pinged(T0);
        assertThat(l.repeats()).isZero();
        l.onTimer();
        l.onTimer();
        assertThat(l.repeats()).isEqualTo(2);
        l.heard(T0.plusSeconds(2));
        assertThat(l.repeats()).isZero();
        assertThat(l.inDoubt()).isFalse();
    }
}
