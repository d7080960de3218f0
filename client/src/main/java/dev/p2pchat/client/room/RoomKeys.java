package dev.p2pchat.client.room;

import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.protocol.room.RoomMessage.EpochKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/** The sender keys a replica holds: its own per epoch, and each other member's per epoch. */
final class RoomKeys {
  private final Map<Username, NavigableMap<Long, EpochKey>> keys = new HashMap<>();

  /** Stores a key; false if that sender's key of that epoch was already here. */
  boolean put(Username sender, EpochKey key) {
    return keys.computeIfAbsent(sender, s -> new TreeMap<>()).putIfAbsent(key.epoch(), key) == null;
  }

  Optional<EpochKey> get(Username sender, long epoch) {
    NavigableMap<Long, EpochKey> mine = keys.get(sender);
    return mine == null ? Optional.empty() : Optional.ofNullable(mine.get(epoch));
  }

  /** The newest key of {@code sender}. */
  Optional<EpochKey> latest(Username sender) {
    NavigableMap<Long, EpochKey> mine = keys.get(sender);
    return mine == null || mine.isEmpty() ? Optional.empty() : Optional.of(mine.lastEntry().getValue());
  }

  /** All of {@code sender}'s keys, oldest first. */
  List<EpochKey> all(Username sender) {
    NavigableMap<Long, EpochKey> mine = keys.get(sender);
    return mine == null ? List.of() : List.copyOf(mine.values());
  }
}
