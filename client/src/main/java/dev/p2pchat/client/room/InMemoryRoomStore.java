package dev.p2pchat.client.room;

import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.protocol.room.Envelope;
import dev.p2pchat.protocol.room.MembershipChange;
import dev.p2pchat.protocol.room.MembershipOp;
import dev.p2pchat.protocol.room.RoomId;
import dev.p2pchat.protocol.room.RoomMessage.EpochKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@link RoomStore} in memory: the twin of {@link SqliteRoomStore} for tests. */
public final class InMemoryRoomStore implements RoomStore {
  private final Map<RoomId, String> names = new LinkedHashMap<>();
  private final Map<RoomId, TreeMap<Long, MembershipChange>> changes = new HashMap<>();
  private final Map<RoomId, Map<Username, Map<Long, EpochKey>>> keys = new HashMap<>();
  private final Map<RoomId, Map<String, Envelope>> envelopes = new HashMap<>();

  @Override
  public synchronized void change(RoomId room, MembershipChange change) {
    if (change.op() instanceof MembershipOp.Create create) {
      names.putIfAbsent(room, create.name());
    }
    changes.computeIfAbsent(room, r -> new TreeMap<>()).putIfAbsent(change.version(), change);
  }

  @Override
  public synchronized void envelope(RoomId room, Envelope envelope) {
    envelopes.computeIfAbsent(room, r -> new LinkedHashMap<>())
        .putIfAbsent(envelope.sender() + "#" + envelope.seq(), envelope);
  }

  @Override
  public synchronized void key(RoomId room, Username sender, EpochKey key) {
    keys.computeIfAbsent(room, r -> new HashMap<>()).computeIfAbsent(sender, s -> new TreeMap<>())
        .putIfAbsent(key.epoch(), key);
  }

  @Override
  public synchronized List<RoomSummary> rooms() {
    return names.entrySet().stream().map(e -> new RoomSummary(e.getKey(), e.getValue())).toList();
  }

  @Override
  public synchronized Optional<StoredRoom> load(RoomId room) {
    if (!names.containsKey(room)) {
      return Optional.empty();
    }
    Map<Username, List<EpochKey>> roomKeys = new HashMap<>();
    keys.getOrDefault(room, Map.of()).forEach((sender, map) -> roomKeys.put(sender, List.copyOf(map.values())));
    return Optional.of(new StoredRoom(List.copyOf(changes.get(room).values()), roomKeys,
        new ArrayList<>(envelopes.getOrDefault(room, Map.of()).values())));
  }

  @Override
  public synchronized void delete(RoomId room) {
    names.remove(room);
    changes.remove(room);
    keys.remove(room);
    envelopes.remove(room);
  }
}
