package dev.p2pchat.bench.rtt;

import dev.p2pchat.bench.Args;
import java.util.Arrays;
import java.util.Locale;

/**
 * Message round trip: a 128-byte chat line to an echoing peer and back, over p2pchat's direct
 * encrypted path ({@link SessionPinger}) and over two bare UDP sockets ({@link RawUdpPinger}), on
 * loopback, in alternating blocks so that drift of a shared machine hits both alike. {@link LabRoundTrip}
 * does the same between two processes behind the NATs of the bench lab.
 *
 * <pre>java -cp p2pchat-bench.jar dev.p2pchat.bench.rtt.RoundTrip [--pings 5000] [--block 250] [--warmup 2000]</pre>
 *
 * Last line: {@code result p2pchat_p50_us=.. p2pchat_p99_us=.. raw_p50_us=.. raw_p99_us=..}.
 */
public final class RoundTrip {
  private RoundTrip() {}

  public static void main(String[] argv) throws Exception {
    Args args;
    int pings;
    int block;
    int warmup;
    try {
      args = Args.parse(argv);
      pings = (int) args.number("pings", 5_000);
      block = (int) args.number("block", 250);
      warmup = (int) args.number("warmup", 2_000);
      args.checkAllUsed();
    } catch (Args.UsageException e) {
      System.err.println("round-trip: " + e.getMessage());
      System.exit(2);
      return;
    }
    try (Pinger session = SessionPinger.onLoopback(); Pinger raw = RawUdpPinger.onLoopback()) {
      compare(session, raw, pings, block, warmup);
    }
  }

  /** Warms both up, then alternates blocks of pings; prints both and the {@code result} line. */
  static void compare(Pinger session, Pinger raw, int pings, int block, int warmup) throws Exception {
    byte[] line = new byte[128];
    Arrays.fill(line, (byte) 'x');
    measure(session, line, warmup);
    measure(raw, line, warmup);
    long[] ours = new long[pings];
    long[] bare = new long[pings];
    for (int done = 0; done < pings; done += block) {
      int n = Math.min(block, pings - done);
      System.arraycopy(measure(session, line, n), 0, ours, done, n);
      System.arraycopy(measure(raw, line, n), 0, bare, done, n);
    }
    Arrays.sort(ours);
    Arrays.sort(bare);
    System.out.printf(Locale.ROOT, "p2pchat session: %d round trips, p50 %d µs, p99 %d µs%n", pings, micros(ours, 0.5), micros(ours, 0.99));
    System.out.printf(Locale.ROOT, "raw UDP:         %d round trips, p50 %d µs, p99 %d µs%n", pings, micros(bare, 0.5), micros(bare, 0.99));
    System.out.printf(Locale.ROOT, "result p2pchat_p50_us=%d p2pchat_p99_us=%d raw_p50_us=%d raw_p99_us=%d%n",
        micros(ours, 0.5), micros(ours, 0.99), micros(bare, 0.5), micros(bare, 0.99));
  }

  private static long[] measure(Pinger pinger, byte[] line, int count) throws Exception {
    long[] nanos = new long[count];
    for (int i = 0; i < count; i++) {
      long start = System.nanoTime();
      pinger.ping(line);
      nanos[i] = System.nanoTime() - start;
    }
    return nanos;
  }

  private static long micros(long[] sorted, double fraction) {
    int index = (int) Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1_000;
  }
}
