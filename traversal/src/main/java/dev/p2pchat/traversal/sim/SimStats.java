package dev.p2pchat.traversal.sim;

import java.util.EnumMap;
import java.util.Map;

/** Counters of the simulated internet: what was delivered, what was dropped and why. */
public final class SimStats {
    private final Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
    private long delivered;

    void drop(DropReason reason) {
        drops.merge(reason, 1L, Long::sum);
    }

    void countDelivered() {
        delivered++;
    }

    public long dropped(DropReason reason) {
        return drops.getOrDefault(reason, 0L);
    }

    public long delivered() {
        return delivered;
    }

    @Override
    public String toString() {
        return "delivered=" + delivered + " dropped=" + drops;
    }
}
