package dev.p2pchat.traversal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HardNatPlanTest {
    private static final List<Integer> EIM = List.of(40000, 40000);
    private static final List<Integer> SEQUENTIAL = List.of(20001, 20002);
    private static final List<Integer> RANDOM = List.of(31337, 5123);

    @Test
    void rolesFollowFromBothSidesMappedPorts() {
        assertThat(HardNatPlan.of(EIM, SEQUENTIAL).role()).isEqualTo(HardNatPlan.Role.EASY);
        assertThat(HardNatPlan.of(SEQUENTIAL, EIM).role()).isEqualTo(HardNatPlan.Role.HARD);
        assertThat(HardNatPlan.of(RANDOM, SEQUENTIAL).role()).isEqualTo(HardNatPlan.Role.BOTH_HARD);
        assertThat(HardNatPlan.of(EIM, EIM)).isEqualTo(HardNatPlan.NONE);
        assertThat(HardNatPlan.of(List.of(), RANDOM)).as("unknown: ordinary checks").isEqualTo(HardNatPlan.NONE);
        assertThat(HardNatPlan.of(SEQUENTIAL, EIM).opensSockets()).isFalse();
        assertThat(HardNatPlan.of(RANDOM, EIM).opensSockets()).isTrue();
        assertThat(HardNatPlan.of(EIM, RANDOM).opensSockets()).as("only the hard side opens sockets").isFalse();
    }

    @Test
    void aSequentialNatIsGuessedUpwardFromItsLastPortInItsStride() {
        HardNatPlan plan = HardNatPlan.of(EIM, List.of(20000, 20002));
        assertThat(plan.sequential()).isTrue();
        assertThat(plan.guesses(4, 6, new SplittableRandom(1))).containsExactly(20004, 20006, 20008, 20010, 20012, 20014);
    }

    @Test
    void aRandomNatGetsTheWindowThenDistinctRandomPortsUpToTheBudget() {
        HardNatPlan plan = HardNatPlan.of(EIM, RANDOM);
        var guesses = plan.guesses(3, 1024, new SplittableRandom(1));
        assertThat(guesses).hasSize(1024).startsWith(5124, 5125, 5126)
                .allSatisfy(p -> assertThat(p).isBetween(HardNatPlan.FIRST_PORT, HardNatPlan.LAST_PORT));
    }

    @Test
    void guessesNeverLeaveThePortRange() {
        HardNatPlan plan = HardNatPlan.of(EIM, List.of(65_533, 65_534));
        assertThat(plan.guesses(64, 64, new SplittableRandom(1))).containsExactly(65_535);
    }
}
