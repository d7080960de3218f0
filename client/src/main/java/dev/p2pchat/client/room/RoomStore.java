package dev.p2pchat.client.room;

import dev.p2pchat.protocol.room.RoomId;
import java.util.List;
import java.util.Optional;

/**
 * Durable rooms: the journal a replica writes through, and what it is rebuilt from at start. A room
 * is listed from its genesis change on.
 */
public interface RoomStore extends RoomJournal {
  /** The rooms held, with their names. */
  List<RoomSummary> rooms();

  Optional<StoredRoom> load(RoomId room);

  /** Forgets a room (after leaving it). */
  void delete(RoomId room);

  record RoomSummary(RoomId id, String name) {}
}
