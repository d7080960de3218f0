package dev.p2pchat.protocol.room;

import dev.p2pchat.protocol.identity.Username;
import java.util.Comparator;

/**
 * A message's place in the room: by Lamport timestamp, ties broken by sender name, then by the
 * sender's sequence number (one sender's messages have distinct timestamps unless it misbehaves,
 * and even then the order stays total and the same everywhere).
 */
public record OrderKey(long lamport, Username sender, long seq) implements Comparable<OrderKey> {
    private static final Comparator<OrderKey> ORDER = Comparator.comparingLong(OrderKey::lamport)
            .thenComparing(k -> k.sender().value())
            .thenComparingLong(OrderKey::seq);

    @Override
    public int compareTo(OrderKey other) {
        return ORDER.compare(this, other);
    }
}
