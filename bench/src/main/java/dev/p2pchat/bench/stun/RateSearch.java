package dev.p2pchat.bench.stun;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Finds the highest rate a server sustains: double the rate until a step fails, then bisect
 * between the last good and the first bad rate. A step is sustained when the generator sent what was
 * asked, at most {@code maxLoss} of the requests went unanswered and the 99th percentile stayed
 * under {@code maxP99}. If the generator itself cannot keep up, the search stops there: the server
 * did at least that much, and the figure is marked as limited by the generator.
 */
final class RateSearch {
  /** Runs one step at a rate. */
  interface Step {
    StepResult run(long rate) throws IOException;
  }

  record Settings(long startRate, long maxRate, int bisections, double maxLoss, Duration maxP99, long granularity) {}

  /** The best sustained step (empty if even the first failed) and whether the generator was the limit. */
  record Outcome(Optional<StepResult> best, boolean generatorLimited) {}

  private final Settings settings;
  private final Step step;
  private final Consumer<StepResult> log;

  RateSearch(Settings settings, Step step, Consumer<StepResult> log) {
    this.settings = settings;
    this.step = step;
    this.log = log;
  }

  Outcome search() throws IOException {
    StepResult best = null;
    long bad = Long.MAX_VALUE;
    for (long rate = settings.startRate(); rate <= settings.maxRate(); rate *= 2) {
      StepResult result = measure(rate);
      if (!result.generatorKeptUp()) {
        return new Outcome(Optional.ofNullable(best), true);
      }
      if (!sustained(result)) {
        bad = rate;
        break;
      }
      best = result;
    }
    if (best == null || bad == Long.MAX_VALUE) {
      return new Outcome(Optional.ofNullable(best), false);
    }
    long good = best.targetRate();
    for (int i = 0; i < settings.bisections() && bad - good > settings.granularity(); i++) {
      long mid = roundTo((good + bad) / 2, settings.granularity());
      StepResult result = measure(mid);
      if (!result.generatorKeptUp()) {
        return new Outcome(Optional.of(best), true);
      }
      if (sustained(result)) {
        best = result;
        good = mid;
      } else {
        bad = mid;
      }
    }
    return new Outcome(Optional.of(best), false);
  }

  private StepResult measure(long rate) throws IOException {
    StepResult result = step.run(rate);
    log.accept(result);
    return result;
  }

  boolean sustained(StepResult result) {
    return result.generatorKeptUp()
        && result.invalid() == 0
        && result.lossFraction() <= settings.maxLoss()
        && result.p99Micros() >= 0
        && result.p99Micros() <= settings.maxP99().toNanos() / 1_000;
  }

  private static long roundTo(long value, long granularity) {
    return Math.max(granularity, Math.round((double) value / granularity) * granularity);
  }
}
