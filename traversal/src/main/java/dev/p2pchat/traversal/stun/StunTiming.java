package dev.p2pchat.traversal.stun;

import java.time.Duration;

/**
 * Retransmission of a STUN request over UDP, RFC 8489 §6.2.1: send at 0, RTO, 3·RTO, 7·RTO, … (the
 * interval doubles), {@code rc} sends in all, then wait {@code rm}·RTO for the last answer. With the
 * defaults a transaction gives up after 39.5 s.
 */
public record StunTiming(Duration rto, int rc, int rm) {
    /** RFC 8489 §6.2.1 defaults: RTO 500 ms, Rc 7, Rm 16. */
    public static final StunTiming RFC8489 = new StunTiming(Duration.ofMillis(500), 7, 16);

    public StunTiming {
        if (!rto.isPositive() || rc < 1 || rm < 1) {
            throw new IllegalArgumentException("RTO, Rc and Rm must be positive");
        }
    }

    /** Delay before send number {@code n} (1-based; n ≥ 2) after send n−1. */
    public Duration intervalBefore(int n) {
        return rto.multipliedBy(1L << Math.min(n - 2, 30));
    }

    /** How long to wait after the last ({@code rc}-th) send. */
    public Duration finalWait() {
        return rto.multipliedBy(rm);
    }

    /** Total time from the first send until the transaction times out. */
    public Duration total() {
        Duration t = finalWait();
        for (int n = 2; n <= rc; n++) {
            t = t.plus(intervalBefore(n));
        }
        return t;
    }
}
