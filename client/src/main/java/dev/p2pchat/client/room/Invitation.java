package dev.p2pchat.client.room;

import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.protocol.room.MembershipChange;
import dev.p2pchat.protocol.room.RoomId;
import java.util.List;

/** A verified invitation: the room's chain names this user and key as invited by {@code inviter}. */
public record Invitation(RoomId room, String name, Username inviter, List<MembershipChange> chain) {
  public Invitation {
    chain = List.copyOf(chain);
  }
}
