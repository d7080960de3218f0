package dev.p2pchat.protocol.reliable;

import java.util.LinkedHashSet;

/** {@link DeliveredIds} in memory, forgetting the oldest id beyond a capacity. Not thread-safe. */
public final class InMemoryDeliveredIds implements DeliveredIds {
    public static final int DEFAULT_CAPACITY = 4096;

    private final int capacity;
    private final LinkedHashSet<MessageId> ids = new LinkedHashSet<>();

    public InMemoryDeliveredIds() {
        this(DEFAULT_CAPACITY);
    }

    public InMemoryDeliveredIds(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public boolean contains(MessageId id) {
        return ids.contains(id);
    }

    @Override
    public void add(MessageId id) {
        if (ids.add(id) && ids.size() > capacity) {
            ids.removeFirst();
        }
    }

    public int size() {
        return ids.size();
    }
}
