package dev.p2pchat.traversal.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.traversal.loop.Cancellable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimSchedulerTest {
    @Test
    void runsByTimeThenBySubmissionOrderAndSkipsCancelled() {
        SimScheduler s = new SimScheduler();
        List<String> ran = new ArrayList<>();
        s.schedule(Duration.ofSeconds(2), () -> ran.add("late"));
        s.schedule(Duration.ofSeconds(1), () -> ran.add("a"));
        s.schedule(Duration.ofSeconds(1), () -> ran.add("b"));
        Cancellable c = s.schedule(Duration.ofMillis(1500), () -> ran.add("cancelled"));
        s.execute(() -> ran.add("now"));
        c.cancel();

        s.runFor(Duration.ofMinutes(5));

        assertThat(ran).containsExactly("now", "a", "b", "late");
        assertThat(s.now()).isEqualTo(SimScheduler.EPOCH.plus(Duration.ofMinutes(5)));
    }

    @Test
    void runUntilStopsAtTheConditionOrTheLimit() {
        SimScheduler s = new SimScheduler();
        List<Integer> ticks = new ArrayList<>();
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> {
            ticks.add(ticks.size());
            s.schedule(Duration.ofSeconds(1), tick[0]);
        };
        s.execute(tick[0]);

        assertThat(s.runUntil(() -> ticks.size() == 10, Duration.ofMinutes(1))).isTrue();
        assertThat(s.now()).isEqualTo(SimScheduler.EPOCH.plusSeconds(9));
        assertThat(s.runUntil(() -> false, Duration.ofSeconds(30))).isFalse();
        assertThat(s.now()).isEqualTo(SimScheduler.EPOCH.plusSeconds(39));
    }
}
