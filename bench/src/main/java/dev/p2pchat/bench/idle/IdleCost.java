package dev.p2pchat.bench.idle;

import dev.p2pchat.bench.Args;
import dev.p2pchat.traversal.AgentConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Idle cost per peer-hour on the simulated internet ({@link IdleRun}), for p2pchat's keepalive
 * schedule (10 s, widened by the NAT lifetime probe, plus STUN keepalives) and, run by the same
 * agent on the same NATs, two fixed schedules: WireGuard's 25-second persistent keepalive and a
 * 3-second heartbeat (Tailscale's while a path is in use). The fixed schedules send p2pchat's PING
 * frames, so their byte counts are those of our packets on their timetable.
 *
 * <pre>java -cp p2pchat-bench.jar dev.p2pchat.bench.idle.IdleCost [--settle 30m] [--window 60m]</pre>
 */
public final class IdleCost {
  private static final List<Duration> NAT_TIMEOUTS = List.of(Duration.ofMinutes(2), Duration.ofSeconds(20));

  private IdleCost() {}

  public static void main(String[] argv) throws IOException {
    Args args;
    Duration settle;
    Duration window;
    try {
      args = Args.parse(argv);
      settle = args.duration("settle", Duration.ofMinutes(30));
      window = args.duration("window", Duration.ofMinutes(60));
      args.checkAllUsed();
    } catch (Args.UsageException e) {
      System.err.println("idle-cost: " + e.getMessage());
      System.exit(2);
      return;
    }
    Map<String, AgentConfig> schedules = schedules();
    Map<String, IdleRun.Result> results = new LinkedHashMap<>();
    for (Duration timeout : NAT_TIMEOUTS) {
      for (Map.Entry<String, AgentConfig> schedule : schedules.entrySet()) {
        IdleRun.Result r = IdleRun.run(schedule.getValue(), timeout, settle, window, 8);
        results.put(schedule.getKey() + "@" + timeout.toSeconds(), r);
        System.out.printf(Locale.ROOT, "%-22s NAT timeout %3d s: %7.0f packets/peer-hour %9.0f bytes/peer-hour, path %s%n",
            schedule.getKey(), timeout.toSeconds(), r.packetsPerHour(), r.bytesPerHour(), r.alive() ? "alive" : "LOST");
      }
    }
    System.out.println(summary(results));
  }

  static Map<String, AgentConfig> schedules() {
    AgentConfig ours = AgentConfig.defaults().withStunServers(List.of(IdleRun.STUN));
    Map<String, AgentConfig> schedules = new LinkedHashMap<>();
    schedules.put("p2pchat", ours);
    schedules.put("fixed 25 s keepalive", fixed(Duration.ofSeconds(25)));
    schedules.put("3 s heartbeat", fixed(Duration.ofSeconds(3)));
    return schedules;
  }

  /** The same agent on a fixed timetable: no tuning, no STUN keepalive (neither baseline has one). */
  private static AgentConfig fixed(Duration interval) {
    return AgentConfig.defaults().withStunServers(List.of(IdleRun.STUN))
        .withKeepalive(interval, AgentConfig.DEFAULT_MISSED_KEEPALIVES)
        .withMaxKeepaliveInterval(interval)
        .withStunKeepaliveInterval(Duration.ZERO);
  }

  private static String summary(Map<String, IdleRun.Result> r) {
    IdleRun.Result ours = r.get("p2pchat@120");
    IdleRun.Result wg = r.get("fixed 25 s keepalive@120");
    return String.format(Locale.ROOT,
        "Idle cost (simulated NATs, per peer-hour) | p2pchat %s (2-min NAT), %s (20-s NAT) | 25 s keepalive %s (2-min), %s (20-s); 3 s heartbeat %s | ratio %.2f | goal ≤ 1.0 (packets vs 25 s keepalive, 2-min NAT)",
        figure(ours), figure(r.get("p2pchat@20")), figure(wg), figure(r.get("fixed 25 s keepalive@20")),
        figure(r.get("3 s heartbeat@120")), ours.packetsPerHour() / wg.packetsPerHour());
  }

  private static String figure(IdleRun.Result r) {
    return String.format(Locale.ROOT, "%.0f pkts %.1f KB%s", r.packetsPerHour(), r.bytesPerHour() / 1000, r.alive() ? "" : " (path LOST)");
  }
}
