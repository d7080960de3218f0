package dev.p2pchat.protocol.reliable;

import java.time.Duration;

/**
 * One direction of a simulated link: each packet is lost with probability {@code loss}, else delivered
 * after {@code latency} plus a uniform jitter in [0, {@code jitter}); with probability {@code duplicate}
 * a second copy follows with its own delay, and with probability {@code reorder} a packet is held back
 * by an extra 1–3 latencies.
 */
record LinkParams(double loss, double duplicate, double reorder, Duration latency, Duration jitter) {
    static LinkParams perfect(Duration latency) {
        return new LinkParams(0, 0, 0, latency, Duration.ZERO);
    }

    static LinkParams lossy(double loss) {
        return new LinkParams(loss, 0.05, 0.05, Duration.ofMillis(40), Duration.ofMillis(20));
    }

    @Override
    public String toString() {
        return String.format("loss %.0f%%, dup %.0f%%, reorder %.0f%%, latency %d ms + jitter %d ms",
                loss * 100, duplicate * 100, reorder * 100, latency.toMillis(), jitter.toMillis());
    }
}
