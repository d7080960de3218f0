package dev.p2pchat.traversal;

import java.time.Duration;

/**
 * While a path runs over a relay, the direct pairs are checked again in rounds: the first {@code first}
 * after the path became relayed (or after the connect-time checks ended), then at doubling spacings up to
 * {@code max}. Each round primes toward the peer's candidates and checks its direct pairs for {@code round},
 * with the usual retransmission schedule, so a round costs a bounded number of datagrams (about nine
 * PINGs per pair in 5 s).
 *
 * @param first the spacing before the first round
 * @param max   the widest spacing between rounds
 * @param round how long one round checks
 */
public record DirectRetry(Duration first, Duration max, Duration round) {
    /**
     * A direct path that died is often back within seconds (a Wi-Fi roam, a NAT that lost its state); a
     * minute between rounds at most costs a few dozen datagrams a minute on a path that stays relayed.
     */
    public static final DirectRetry DEFAULT = new DirectRetry(Duration.ofSeconds(5), Duration.ofMinutes(1),
            Duration.ofSeconds(5));

    public DirectRetry {
        if (!first.isPositive() || !round.isPositive() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("direct retry needs positive first and round, max >= first");
        }
    }

    /** The spacing before round {@code n} (0 for the first), doubling from {@code first} up to {@code max}. */
    public Duration before(int n) {
        Duration d = first;
        for (int i = 0; i < n && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }
}
