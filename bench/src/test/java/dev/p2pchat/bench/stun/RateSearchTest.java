package dev.p2pchat.bench.stun;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The search against model servers: one that answers everything up to a capacity and drops the rest. */
class RateSearchTest {
  private static final RateSearch.Settings SETTINGS =
      new RateSearch.Settings(10_000, 2_000_000, 6, 0.01, Duration.ofMillis(20), 1_000);

  /** A step at {@code rate} against a server of {@code capacity} and a generator that manages {@code generatorMax}. */
  private static StepResult model(long rate, long capacity, long generatorMax) {
    long sent = Math.min(rate, generatorMax);
    long answered = Math.min(sent, capacity);
    return new StepResult(rate, sent, answered, sent, answered, 50, answered < sent ? 900_000 : 200, 0);
  }

  @Test
  void findsTheCapacityWithinTheBisectionGranularity() throws Exception {
    List<Long> tried = new ArrayList<>();
    RateSearch search = new RateSearch(SETTINGS, rate -> model(rate, 37_000, Long.MAX_VALUE), r -> tried.add(r.targetRate()));
    RateSearch.Outcome outcome = search.search();
    assertThat(outcome.generatorLimited()).isFalse();
    assertThat(outcome.best()).get().satisfies(best -> assertThat(best.targetRate()).isBetween(33_000L, 37_000L));
    assertThat(tried).startsWith(10_000L, 20_000L, 40_000L);
  }

  @Test
  void stopsAndSaysSoWhenTheGeneratorIsTheLimit() throws Exception {
    RateSearch search = new RateSearch(SETTINGS, rate -> model(rate, Long.MAX_VALUE, 50_000), r -> { });
    RateSearch.Outcome outcome = search.search();
    assertThat(outcome.generatorLimited()).isTrue();
    assertThat(outcome.best()).get().satisfies(best -> assertThat(best.targetRate()).isEqualTo(40_000L));
  }

  @Test
  void anInvalidAnswerFailsAStep() {
    RateSearch search = new RateSearch(SETTINGS, rate -> model(rate, 1, 1), r -> { });
    assertThat(search.sustained(new StepResult(1000, 1000, 1000, 1000, 1000, 10, 20, 1))).isFalse();
    assertThat(search.sustained(new StepResult(1000, 1000, 1000, 1000, 1000, 10, 20, 0))).isTrue();
  }
}
