package dev.p2pchat.lab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RuleCounterTest {

    @Test
    void countersOfARuleWithoutATargetAreAtTheEnd() {
        assertThat(RuleCounter.counters("-A FORWARD -m comment --comment lab-count-1 -c 12 3456"))
                .hasValueSatisfying(c -> assertThat(c).containsExactly(12, 3456));
    }

    @Test
    void countersOfARuleWithATargetComeBeforeIt() {
        assertThat(RuleCounter.counters("-A FORWARD -m statistic --mode random --probability 0.10559999989"
                + " -m comment --comment lab-loss -c 7 890 -j DROP"))
                .hasValueSatisfying(c -> assertThat(c).containsExactly(7, 890));
    }

    @Test
    void aLineWithoutCountersHasNone() {
        assertThat(RuleCounter.counters("-A FORWARD -j DROP")).isEmpty();
        assertThat(RuleCounter.counters("-A FORWARD -j DROP -c 1")).isEmpty();
    }
}
