package dev.p2pchat.bench.stun;

import dev.p2pchat.bench.Args;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The STUN load generator that {@code bench/stun-throughput} runs against each server.
 *
 * <pre>
 * java -cp p2pchat-bench.jar dev.p2pchat.bench.stun.StunLoad --server 127.0.0.1:3478 --mode MODE
 *     [--sockets 64] [--warmup 3s] [--warmup-rate 20000] [--drain 300ms] ...
 * </pre>
 *
 * Modes, each after a warm-up step that is printed but not counted:
 * <ul>
 *   <li>{@code saturate} [--rate 1000000] [--duration 3s]: offer more than the server can take and
 *       count answers per second, the server's throughput. If nearly every request was answered,
 *       the generator, not the server, was the limit, and the result says so.
 *   <li>{@code fixed} --rate R [--duration 3s]: latency (p50, p99) and loss at a given rate.
 *   <li>{@code search} [--start-rate 10000] [--max-rate 2000000] [--step 1500ms] [--bisections 4]
 *       [--max-loss 0.01] [--max-p99 20ms]: the highest rate sustained within those bounds
 *       ({@link RateSearch}); meaningful on a quiet machine, where latency is not scheduling noise.
 * </ul>
 *
 * Every step is printed; the last line holds the figures for the script, {@code result key=value ...}.
 */
public final class StunLoad {
  /** Below this loss the server kept up with everything offered: it was not saturated. */
  private static final double SATURATED_LOSS = 0.05;

  private StunLoad() {}

  public static void main(String[] argv) throws IOException {
    try {
      run(Args.parse(argv));
    } catch (Args.UsageException e) {
      System.err.println("stun-load: " + e.getMessage());
      System.exit(2);
    }
  }

  private static void run(Args args) throws IOException {
    InetSocketAddress server = args.address("server");
    String mode = args.string("mode", "saturate");
    int sockets = (int) args.number("sockets", 64);
    Duration warmup = args.duration("warmup", Duration.ofSeconds(3));
    long warmupRate = args.number("warmup-rate", 20_000);
    Duration drain = args.duration("drain", Duration.ofMillis(300));
    SecureRandom random = new SecureRandom();
    try (LoadSockets socks = new LoadSockets(server, sockets)) {
      OpenLoopRun run = new OpenLoopRun(socks, drain);
      String result = switch (mode) {
        case "saturate" -> {
          long rate = args.number("rate", 1_000_000);
          Duration duration = args.duration("duration", Duration.ofSeconds(3));
          args.checkAllUsed();
          long warmedUp = warmUp(run, warmup, warmupRate, random);
          yield saturate(step(run, rate, duration, random), warmedUp);
        }
        case "fixed" -> {
          long rate = Long.parseLong(args.required("rate"));
          Duration duration = args.duration("duration", Duration.ofSeconds(3));
          args.checkAllUsed();
          warmUp(run, warmup, warmupRate, random);
          yield latency(step(run, rate, duration, random));
        }
        case "search" -> search(args, run, warmup, warmupRate, random);
        default -> throw new Args.UsageException("--mode is saturate, fixed or search, not '" + mode + "'");
      };
      System.out.println(result);
    }
  }

  /** Runs the warm-up step, if any; returns how many requests it had answered. */
  private static long warmUp(OpenLoopRun run, Duration warmup, long rate, SecureRandom random) throws IOException {
    if (warmup.isZero()) {
      return 0;
    }
    StepResult result = run.run(rate, warmup, random.nextInt());
    System.out.println("warm-up  " + result.describe());
    return result.answered();
  }

  private static StepResult step(OpenLoopRun run, long rate, Duration duration, SecureRandom random) throws IOException {
    StepResult result = run.run(rate, duration, random.nextInt());
    System.out.println("step     " + result.describe());
    return result;
  }

  /**
   * {@code answered_total} counts the warm-up's answers too: the script divides it by the CPU time
   * the server used over the whole run.
   */
  private static String saturate(StepResult r, long warmedUp) {
    return String.format(Locale.ROOT,
        "result answered_per_s=%.0f answered_total=%d sent_per_s=%.0f loss=%.5f p50_us=%d p99_us=%d invalid=%d generator_limited=%s",
        r.answeredRate(), warmedUp + r.answered(), r.sentRate(), r.lossFraction(), r.p50Micros(), r.p99Micros(), r.invalid(),
        r.lossFraction() < SATURATED_LOSS);
  }

  private static String latency(StepResult r) {
    return String.format(Locale.ROOT, "result rate=%d sent_per_s=%.0f loss=%.5f p50_us=%d p99_us=%d invalid=%d",
        r.targetRate(), r.sentRate(), r.lossFraction(), r.p50Micros(), r.p99Micros(), r.invalid());
  }

  private static String search(Args args, OpenLoopRun run, Duration warmup, long warmupRate, SecureRandom random)
      throws IOException {
    Duration step = args.duration("step", Duration.ofMillis(1500));
    RateSearch.Settings settings = new RateSearch.Settings(
        args.number("start-rate", 10_000), args.number("max-rate", 2_000_000), (int) args.number("bisections", 4),
        args.decimal("max-loss", 0.01), args.duration("max-p99", Duration.ofMillis(20)), 1_000);
    args.checkAllUsed();
    warmUp(run, warmup, warmupRate, random);
    RateSearch search = new RateSearch(settings, rate -> run.run(rate, step, random.nextInt()),
        r -> System.out.println("step     " + r.describe()));
    RateSearch.Outcome outcome = search.search();
    Optional<StepResult> best = outcome.best();
    if (best.isEmpty()) {
      return "result max_rate=0 p50_us=-1 p99_us=-1 loss=1 generator_limited=" + outcome.generatorLimited();
    }
    StepResult r = best.get();
    return String.format(Locale.ROOT, "result max_rate=%d p50_us=%d p99_us=%d loss=%.5f generator_limited=%s",
        r.targetRate(), r.p50Micros(), r.p99Micros(), r.lossFraction(), outcome.generatorLimited());
  }
}
