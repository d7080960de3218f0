package dev.p2pchat.client.room;

import dev.p2pchat.protocol.room.RoomId;

/** What {@link Rooms} tells the front end; called on the rooms' owner thread. */
public interface RoomListener {
  void onEvent(RoomId room, RoomEvent event);

  /** An admin invited this user; {@link Rooms#join} accepts. */
  void onInvitation(Invitation invitation);
}
