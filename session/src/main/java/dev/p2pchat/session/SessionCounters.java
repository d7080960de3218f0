package dev.p2pchat.session;

import java.util.EnumMap;
import java.util.Map;

/**
 * A snapshot of a session's datagram counters.
 *
 * @param handshakes handshakes completed (the first one and every rekey), either role
 * @param streamResets times the peer came back with a new stream epoch (it restarted)
 * @param dropped datagrams dropped, by reason; absent reasons are zero
 */
public record SessionCounters(long datagramsSent, long datagramsReceived, long handshakes, long streamResets,
                              Map<DropKind, Long> dropped) {

    public SessionCounters {
        dropped = Map.copyOf(dropped);
    }

    public long dropped(DropKind kind) {
        return dropped.getOrDefault(kind, 0L);
    }

    public long droppedTotal() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The mutable tally the session keeps on its loop. */
    static final class Tally {
        long sent;
        long received;
        long handshakes;
        long streamResets;
        final EnumMap<DropKind, Long> dropped = new EnumMap<>(DropKind.class);

        void drop(DropKind kind) {
            dropped.merge(kind, 1L, Long::sum);
        }

        SessionCounters snapshot() {
            return new SessionCounters(sent, received, handshakes, streamResets, dropped);
        }
    }
}
