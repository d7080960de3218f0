package dev.p2pchat.protocol.room;

import dev.p2pchat.protocol.identity.Username;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The envelopes a replica holds, in the room's total order ({@link OrderKey}), without duplicates
 * (by sender and seq), and its version vector: per sender, the highest seq up to which it holds
 * every envelope. Two replicas with the same envelopes list them in the same order, whatever order
 * they arrived in. Not thread-safe: one owner.
 */
public final class RoomHistory {
    private final NavigableMap<OrderKey, Envelope> ordered = new TreeMap<>();
    private final Map<Username, NavigableMap<Long, Envelope>> bySender = new HashMap<>();
    private final Map<Username, Long> contiguous = new HashMap<>();
    private final Map<Username, Long> floors = new HashMap<>();
    private long maxLamport;

    /** Adds an envelope; false if one with its sender and seq is already here (a duplicate). */
    public boolean add(Envelope envelope) {
        NavigableMap<Long, Envelope> mine = bySender.computeIfAbsent(envelope.sender(), s -> new TreeMap<>());
        if (mine.putIfAbsent(envelope.seq(), envelope) != null) {
            return false;
        }
        ordered.put(envelope.orderKey(), envelope);
        maxLamport = Math.max(maxLamport, envelope.lamport());
        long upTo = contiguous.getOrDefault(envelope.sender(), floors.getOrDefault(envelope.sender(), 0L));
        while (mine.containsKey(upTo + 1)) {
            upTo++;
        }
        contiguous.put(envelope.sender(), upTo);
        return true;
    }

    /**
     * Declares that this replica is entitled to {@code sender}'s messages from {@code firstSeq} on
     * (it joined then, and the room hides earlier history): its vector counts from there. A lower
     * start than a previous one wins, since a key of an earlier epoch may arrive later.
     */
    public void startAt(Username sender, long firstSeq) {
        long floor = Math.min(floors.getOrDefault(sender, Long.MAX_VALUE), firstSeq - 1);
        floors.put(sender, floor);
        NavigableMap<Long, Envelope> mine = bySender.getOrDefault(sender, new TreeMap<>());
        long upTo = floor;
        while (mine.containsKey(upTo + 1)) {
            upTo++;
        }
        contiguous.put(sender, upTo);
    }

    public boolean contains(Username sender, long seq) {
        NavigableMap<Long, Envelope> mine = bySender.get(sender);
        return mine != null && mine.containsKey(seq);
    }

    /** The version vector for a sync request. */
    public Map<Username, Long> vector() {
        return Map.copyOf(contiguous);
    }

    /** Highest Lamport timestamp held: a new message gets one more than this (or the clock). */
    public long maxLamport() {
        return maxLamport;
    }

    /** Every envelope in room order. */
    public List<Envelope> ordered() {
        return List.copyOf(ordered.values());
    }

    public int size() {
        return ordered.size();
    }

    public Optional<Envelope> get(Username sender, long seq) {
        NavigableMap<Long, Envelope> mine = bySender.get(sender);
        return mine == null ? Optional.empty() : Optional.ofNullable(mine.get(seq));
    }

    /**
     * What a peer with {@code theirs} lacks: per sender, the envelopes above its contiguous seq, in
     * seq order, at most {@code limit} in all (the peer asks again for the rest).
     */
    public List<Envelope> missingFrom(Map<Username, Long> theirs, int limit) {
        return missingFrom(theirs, limit, envelope -> true);
    }

    /** As {@link #missingFrom(Map, int)}, only envelopes the peer may have. */
    public List<Envelope> missingFrom(Map<Username, Long> theirs, int limit, Predicate<Envelope> entitled) {
        List<Envelope> missing = new ArrayList<>();
        List<Username> senders = new ArrayList<>(bySender.keySet());
        senders.sort((a, b) -> a.value().compareTo(b.value()));
        for (Username sender : senders) {
            Collection<Envelope> above = bySender.get(sender).tailMap(theirs.getOrDefault(sender, 0L), false).values();
            for (Envelope envelope : above) {
                if (!entitled.test(envelope)) {
                    continue;
                }
                if (missing.size() == limit) {
                    return missing;
                }
                missing.add(envelope);
            }
        }
        return missing;
    }
}
