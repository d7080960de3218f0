package dev.p2pchat.traversal.turn;

import java.time.Duration;

/**
 * When the TURN client retransmits and refreshes. Requests over UDP are retransmitted as RFC 8489
 * §6.2.1 says: at 0, RTO, 3·RTO, 7·RTO... ({@code rc} sends), then {@code rm}·RTO of waiting.
 * Allocations are refreshed at half their lifetime, so that a refresh lost to a long outage still has
 * the other half to get through. Between refreshes, a Binding indication goes to the server whenever
 * nothing else did for {@code keepalive}, to hold the NAT mapping that the allocation hangs on.
 */
public record TurnTiming(Duration rto, int rc, int rm, Duration keepalive) {
    /**
     * RFC 8489 §6.2.1 defaults (RTO 500 ms, Rc 7, Rm 16: 39.5 s in all), and a keepalive after 15 s of
     * silence toward the server: NATs forget idle UDP mappings in as little as 30 s (RFC 4787 §4.3 asks
     * for 2 minutes at least, many do less), and a lost mapping is a lost allocation.
     */
    public static final TurnTiming DEFAULTS = new TurnTiming(Duration.ofMillis(500), 7, 16, Duration.ofSeconds(15));

    /** Permissions last 5 minutes (RFC 8656 §9); refreshed one minute early. */
    public static final Duration PERMISSION_REFRESH = Duration.ofMinutes(4);

    /** Channel bindings last 10 minutes (RFC 8656 §12); refreshed two minutes early. */
    public static final Duration CHANNEL_REFRESH = Duration.ofMinutes(8);

    public TurnTiming {
        if (!rto.isPositive() || rc < 1 || rm < 1 || !keepalive.isPositive()) {
            throw new IllegalArgumentException("RTO, Rc, Rm and the keepalive interval must be positive");
        }
    }

    /** Delay before send number {@code n} (2-based) after the previous one. */
    Duration intervalBefore(int n) {
        return rto.multipliedBy(1L << Math.min(n - 2, 30));
    }

    /** How long to wait after the last send. */
    Duration finalWait() {
        return rto.multipliedBy(rm);
    }

    /** When to refresh an allocation granted for {@code lifetime}. */
    static Duration refreshAfter(Duration lifetime) {
        return lifetime.dividedBy(2);
    }
}
