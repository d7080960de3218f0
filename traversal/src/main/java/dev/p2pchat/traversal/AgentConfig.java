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
 * @param answererCheckDelay     the controlled side starts its own ordinary checks after this, or at the
 *                               first PING, whichever comes first — see "priming" in docs/architecture.md
 * @param primingTtl             IP TTL of PRIME datagrams; 0 disables priming
 * @param keepaliveInterval      PING on the selected path this often (NAT bindings, RTT)
 * @param missedKeepalives       a path silent for this many keepalive intervals is dead
 * @param stunKeepaliveInterval  Binding request to each STUN server this often, holding the server-reflexive
 *                               mapping open; zero disables
 */
public record AgentConfig(List<InetSocketAddress> stunServers, Duration gatherTimeout, boolean includeLoopback, Duration checkPacing,
                          Duration checkRto, Duration connectTimeout, Duration nominationDelay,
                          Duration answererCheckDelay, int primingTtl, Duration keepaliveInterval,
                          int missedKeepalives, Duration stunKeepaliveInterval, StunTiming stunTiming) {
    /** RFC 8445 §14.2 recommends Ta of 50 ms for many parallel sessions; one chat connection can go faster. */
    public static final Duration DEFAULT_PACING = Duration.ofMillis(10);
    /** Below the 30 s that the strictest NATs (and Linux conntrack's unreplied timeout) allow idle. */
    public static final Duration DEFAULT_KEEPALIVE = Duration.ofSeconds(10);
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
    }

    public static AgentConfig defaults() {
        return new AgentConfig(List.of(), Duration.ofSeconds(3), false, DEFAULT_PACING, Duration.ofMillis(100), Duration.ofSeconds(10),
                Duration.ofMillis(100), Duration.ofMillis(500), 2, DEFAULT_KEEPALIVE, DEFAULT_MISSED_KEEPALIVES,
                Duration.ofSeconds(20), StunTiming.RFC8489);
    }

    public AgentConfig withStunServers(List<InetSocketAddress> servers) {
        return new AgentConfig(servers, gatherTimeout, includeLoopback, checkPacing, checkRto, connectTimeout, nominationDelay,
                answererCheckDelay, primingTtl, keepaliveInterval, missedKeepalives, stunKeepaliveInterval, stunTiming);
    }

    public AgentConfig withGatherTimeout(Duration timeout) {
        return new AgentConfig(stunServers, timeout, includeLoopback, checkPacing, checkRto, connectTimeout, nominationDelay,
                answererCheckDelay, primingTtl, keepaliveInterval, missedKeepalives, stunKeepaliveInterval, stunTiming);
    }

    public AgentConfig withIncludeLoopback(boolean include) {
        return new AgentConfig(stunServers, gatherTimeout, include, checkPacing, checkRto, connectTimeout, nominationDelay,
                answererCheckDelay, primingTtl, keepaliveInterval, missedKeepalives, stunKeepaliveInterval, stunTiming);
    }

    public AgentConfig withConnectTimeout(Duration timeout) {
        return new AgentConfig(stunServers, gatherTimeout, includeLoopback, checkPacing, checkRto, timeout, nominationDelay,
                answererCheckDelay, primingTtl, keepaliveInterval, missedKeepalives, stunKeepaliveInterval, stunTiming);
    }

    public AgentConfig withPrimingTtl(int ttl) {
        return new AgentConfig(stunServers, gatherTimeout, includeLoopback, checkPacing, checkRto, connectTimeout, nominationDelay,
                answererCheckDelay, ttl, keepaliveInterval, missedKeepalives, stunKeepaliveInterval, stunTiming);
    }

    public AgentConfig withKeepalive(Duration interval, int missed) {
        return new AgentConfig(stunServers, gatherTimeout, includeLoopback, checkPacing, checkRto, connectTimeout, nominationDelay,
                answererCheckDelay, primingTtl, interval, missed, stunKeepaliveInterval, stunTiming);
    }

    public AgentConfig withStunKeepaliveInterval(Duration interval) {
        return new AgentConfig(stunServers, gatherTimeout, includeLoopback, checkPacing, checkRto, connectTimeout, nominationDelay,
                answererCheckDelay, primingTtl, keepaliveInterval, missedKeepalives, interval, stunTiming);
    }

    public AgentConfig withStunTiming(StunTiming timing) {
        return new AgentConfig(stunServers, gatherTimeout, includeLoopback, checkPacing, checkRto, connectTimeout, nominationDelay,
                answererCheckDelay, primingTtl, keepaliveInterval, missedKeepalives, stunKeepaliveInterval, timing);
    }

    /** How long a path may stay silent before it is declared dead. */
    public Duration deadAfter() {
        return keepaliveInterval.multipliedBy(missedKeepalives);
    }
}
