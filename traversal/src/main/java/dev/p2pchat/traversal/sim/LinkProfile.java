package dev.p2pchat.traversal.sim;

import java.time.Duration;

/**
 * How a routing domain of the simulated internet treats each datagram crossing it: a one-way delay of
 * {@code latency} plus up to {@code jitter} (uniform; jitter can reorder), and independent loss with
 * probability {@code loss}.
 */
public record LinkProfile(Duration latency, Duration jitter, double loss) {
    public LinkProfile {
        if (latency.isNegative() || jitter.isNegative()) {
            throw new IllegalArgumentException("negative latency or jitter");
        }
        if (loss < 0 || loss > 1) {
            throw new IllegalArgumentException("loss must be within [0, 1]: " + loss);
        }
    }

    public static LinkProfile of(Duration latency) {
        return new LinkProfile(latency, Duration.ZERO, 0);
    }

    public LinkProfile withLoss(double newLoss) {
        return new LinkProfile(latency, jitter, newLoss);
    }

    public LinkProfile withJitter(Duration newJitter) {
        return new LinkProfile(latency, newJitter, loss);
    }
}
