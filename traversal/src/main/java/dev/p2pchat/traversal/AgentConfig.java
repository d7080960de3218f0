package dev.p2pchat.traversal;

import dev.p2pchat.traversal.stun.StunTiming;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * Tunables of a {@link TraversalAgent}. {@link #defaults()} is what the client uses; tests change single
 * values with the {@code with...} methods.
 *
 * @param stunServers            where server-reflexive candidates come from (and keepalives go)
 * @param gatherTimeout          gathering completes with what it has after this, even if a STUN server is
 *                               still silent (its transaction goes on; a late answer serves the keepalive)
 * @param includeLoopback        offer loopback host candidates even when other addresses exist (they are
 *                               offered anyway when loopback is all there is)
 * @param checkPacing            RFC 8445 Ta: one check datagram per this interval across all pairs
 * @param checkRto               first retransmission interval of a pair's check; doubles up to 8×
 * @param connectTimeout         after this, a connection without a selected pair fails: "no direct path"
 * @param nominationDelay        the controlling side waits this long after the first working pair for a
 *                               better one before it nominates
 * @param answererCheckDelay     how long the answer is assumed to take to reach the offerer: the controlled
 *                               side refreshes its PRIMEs this often until the offerer's first PING, and
 *                               falls back to ordinary checks without one after {@link #answererFallbackDelay()}
 *                               (hard-NAT guesses wait this long) — see "priming" in docs/architecture.md
 * @param primingTtl             IP TTL of PRIME datagrams; 0 disables priming
 * @param keepaliveInterval      PING on the selected path this often (NAT bindings, RTT)
 * @param missedKeepalives       a path silent for this many keepalive intervals is dead
 * @param stunKeepaliveInterval  Binding request to each STUN server this often, holding the server-reflexive
 *                               mapping open; zero disables. Once the NAT's mapping lifetime has been
 *                               measured, the tuned keepalive spacing is used instead.
 * @param maxKeepaliveInterval   the widest keepalive spacing the agent may tune up to once the NAT was shown to
 *                               keep idle mappings long enough (see {@link KeepaliveTuner}); equal to
 *                               {@code keepaliveInterval} disables the tuning
 * @param lossProbeInterval      a PING on the selected path unanswered this long is repeated ...
 * @param lossProbes             ... this many times; still no frame from the peer one interval after the last
 *                               repeat and the path is lost ({@link PathListener#onDead})
 * @param hardNat                bounds of port prediction and birthday probing toward or from an
 *                               address-dependent-mapping NAT (see {@link HardNatBudget})
 * @param directRetry            while a path runs over a relay, when the direct pairs are checked again
 */
public record AgentConfig(List<InetSocketAddress> stunServers, Duration gatherTimeout, boolean includeLoopback, Duration checkPacing,
                          Duration checkRto, Duration connectTimeout, Duration nominationDelay,
                          Duration answererCheckDelay, int primingTtl, Duration keepaliveInterval,
                          int missedKeepalives, Duration stunKeepaliveInterval, StunTiming stunTiming,
                          Duration maxKeepaliveInterval, Duration lossProbeInterval, int lossProbes,
                          HardNatBudget hardNat, DirectRetry directRetry) {
    /** RFC 8445 §14.2 recommends Ta of 50 ms for many parallel sessions; one chat connection can go faster. */
    public static final Duration DEFAULT_PACING = Duration.ofMillis(10);
    /**
     * Below the 20–30 s that the strictest NATs (and Linux conntrack's unreplied timeout) allow idle: the
     * spacing used until a longer mapping lifetime has been measured.
     */
    public static final Duration DEFAULT_KEEPALIVE = Duration.ofSeconds(10);
    /**
     * RFC 4787 REQ-5 asks NATs to keep idle mappings at least 2 minutes, and RFC 8445 §11 wants a keepalive
     * at least every 15 s by default; 2 minutes is as wide as the agent ever spaces them, and only on proof.
     */
    public static final Duration DEFAULT_MAX_KEEPALIVE = Duration.ofMinutes(2);
    /** About ten round trips of a long path: a lost PING is repeated quickly, not after a keepalive interval. */
    public static final Duration DEFAULT_LOSS_PROBE_INTERVAL = Duration.ofMillis(750);
    /**
     * Five repeats: with 20 % loss each way a round trip fails 36 % of the time, six failures in a row 0.2 %;
     * a dead path is reported 4.5 s after its first unanswered PING.
     */
    public static final int DEFAULT_LOSS_PROBES = 5;
    /**
     * The answerer's fallback, in units of {@code answererCheckDelay}: 3 s by default, long enough for a
     * loaded machine to take the answer from the server and prime; needed only when the offerer's PINGs
     * cannot pass our NAT's filter on their own (the offerer's NAT maps per destination).
     */
    public static final int ANSWERER_FALLBACK_FACTOR = 6;
    /** Three silent intervals: one lost keepalive (or its answer) is not enough to give up a path. */
    public static final int DEFAULT_MISSED_KEEPALIVES = 3;

    public AgentConfig {
        stunServers = List.copyOf(stunServers);
        if (primingTtl < 0 || primingTtl > 255) {
            throw new IllegalArgumentException("priming TTL must be 0 (off) or 1..255: " + primingTtl);
        }
        if (missedKeepalives < 1 || !keepaliveInterval.isPositive() || !checkPacing.isPositive()) {
            throw new IllegalArgumentException("keepalive and pacing must be positive");
        }
        if (maxKeepaliveInterval.compareTo(keepaliveInterval) < 0) {
            maxKeepaliveInterval = keepaliveInterval;
        }
        if (lossProbes < 0 || !lossProbeInterval.isPositive()) {
            throw new IllegalArgumentException("loss probes must be >= 0 with a positive interval");
        }
        java.util.Objects.requireNonNull(hardNat, "hardNat");
        java.util.Objects.requireNonNull(directRetry, "directRetry");
    }

    public static AgentConfig defaults() {
        return new AgentConfig(List.of(), Duration.ofSeconds(3), false, DEFAULT_PACING, Duration.ofMillis(100), Duration.ofSeconds(10),
                Duration.ofMillis(100), Duration.ofMillis(500), 2, DEFAULT_KEEPALIVE, DEFAULT_MISSED_KEEPALIVES,
                Duration.ofSeconds(20), StunTiming.RFC8489, DEFAULT_MAX_KEEPALIVE, DEFAULT_LOSS_PROBE_INTERVAL,
                DEFAULT_LOSS_PROBES, HardNatBudget.DEFAULT, DirectRetry.DEFAULT);
    }

    public AgentConfig withStunServers(List<InetSocketAddress> servers) {
        return new AgentConfig(servers, gatherTimeout, includeLoopback, checkPacing, checkRto, connectTimeout, nominationDelay,
                answererCheckDelay, primingTtl, keepaliveInterval, missedKeepalives, stunKeepaliveInterval, stunTiming, maxKeepaliveInterval, lossProbeInterval, lossProbes, hardNat, directRetry);
    }

    public AgentConfig withGatherTimeout(Duration timeout) {
        return new AgentConfig(stunServers, timeout, includeLoopback, checkPacing, checkRto, connectTimeout, nominationDelay,
                answererCheckDelay, primingTtl, keepaliveInterval, missedKeepalives, stunKeepaliveInterval, stunTiming, maxKeepaliveInterval, lossProbeInterval, lossProbes, hardNat, directRetry);
    }

    public AgentConfig withIncludeLoopback(boolean include) {
        return new AgentConfig(stunServers, gatherTimeout, include, checkPacing, checkRto, connectTimeout, nominationDelay,
                answererCheckDelay, primingTtl, keepaliveInterval, missedKeepalives, stunKeepaliveInterval, stunTiming, maxKeepaliveInterval, lossProbeInterval, lossProbes, hardNat, directRetry);
    }

    public AgentConfig withConnectTimeout(Duration timeout) {
        return new AgentConfig(stunServers, gatherTimeout, includeLoopback, checkPacing, checkRto, timeout, nominationDelay,
                answererCheckDelay, primingTtl, keepaliveInterval, missedKeepalives, stunKeepaliveInterval, stunTiming, maxKeepaliveInterval, lossProbeInterval, lossProbes, hardNat, directRetry);
    }

    public AgentConfig withPrimingTtl(int ttl) {
        return new AgentConfig(stunServers, gatherTimeout, includeLoopback, checkPacing, checkRto, connectTimeout, nominationDelay,
                answererCheckDelay, ttl, keepaliveInterval, missedKeepalives, stunKeepaliveInterval, stunTiming, maxKeepaliveInterval, lossProbeInterval, lossProbes, hardNat, directRetry);
    }

    public AgentConfig withKeepalive(Duration interval, int missed) {
        return new AgentConfig(stunServers, gatherTimeout, includeLoopback, checkPacing, checkRto, connectTimeout, nominationDelay,
                answererCheckDelay, primingTtl, interval, missed, stunKeepaliveInterval, stunTiming, maxKeepaliveInterval, lossProbeInterval, lossProbes, hardNat, directRetry);
    }

    public AgentConfig withStunKeepaliveInterval(Duration interval) {
        return new AgentConfig(stunServers, gatherTimeout, includeLoopback, checkPacing, checkRto, connectTimeout, nominationDelay,
                answererCheckDelay, primingTtl, keepaliveInterval, missedKeepalives, interval, stunTiming, maxKeepaliveInterval, lossProbeInterval, lossProbes, hardNat, directRetry);
    }

    public AgentConfig withStunTiming(StunTiming timing) {
        return new AgentConfig(stunServers, gatherTimeout, includeLoopback, checkPacing, checkRto, connectTimeout, nominationDelay,
                answererCheckDelay, primingTtl, keepaliveInterval, missedKeepalives, stunKeepaliveInterval, timing, maxKeepaliveInterval, lossProbeInterval, lossProbes, hardNat, directRetry);
    }

    /** The widest keepalive spacing the tuner may reach; {@code keepaliveInterval} itself turns tuning off. */
    public AgentConfig withMaxKeepaliveInterval(Duration max) {
        return new AgentConfig(stunServers, gatherTimeout, includeLoopback, checkPacing, checkRto, connectTimeout, nominationDelay,
                answererCheckDelay, primingTtl, keepaliveInterval, missedKeepalives, stunKeepaliveInterval, stunTiming,
                max, lossProbeInterval, lossProbes, hardNat, directRetry);
    }

    public AgentConfig withLossProbes(Duration interval, int probes) {
        return new AgentConfig(stunServers, gatherTimeout, includeLoopback, checkPacing, checkRto, connectTimeout, nominationDelay,
                answererCheckDelay, primingTtl, keepaliveInterval, missedKeepalives, stunKeepaliveInterval, stunTiming,
                maxKeepaliveInterval, interval, probes, hardNat, directRetry);
    }

    public AgentConfig withHardNat(HardNatBudget budget) {
        return new AgentConfig(stunServers, gatherTimeout, includeLoopback, checkPacing, checkRto, connectTimeout, nominationDelay,
                answererCheckDelay, primingTtl, keepaliveInterval, missedKeepalives, stunKeepaliveInterval, stunTiming,
                maxKeepaliveInterval, lossProbeInterval, lossProbes, budget, directRetry);
    }

    public AgentConfig withDirectRetry(DirectRetry retry) {
        return new AgentConfig(stunServers, gatherTimeout, includeLoopback, checkPacing, checkRto, connectTimeout, nominationDelay,
                answererCheckDelay, primingTtl, keepaliveInterval, missedKeepalives, stunKeepaliveInterval, stunTiming,
                maxKeepaliveInterval, lossProbeInterval, lossProbes, hardNat, retry);
    }

    /** The controlled side sends ordinary checks without having heard a PING from the offerer after this. */
    public Duration answererFallbackDelay() {
        return answererCheckDelay.multipliedBy(ANSWERER_FALLBACK_FACTOR);
    }

    /** Whether the agent measures the NAT's mapping lifetime and widens keepalives on proof. */
    public boolean tunesKeepalive() {
        return maxKeepaliveInterval.compareTo(keepaliveInterval) > 0;
    }

    /** How long after its first unanswered PING a selected path is reported lost. */
    public Duration lossDetection() {
        return lossProbeInterval.multipliedBy(lossProbes + 1L);
    }

    /** How long a path may stay silent before it is declared dead. */
    public Duration deadAfter() {
        return keepaliveInterval.multipliedBy(missedKeepalives);
    }
}
