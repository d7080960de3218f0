package dev.p2pchat.client.room;

import dev.p2pchat.protocol.room.Membership;
import dev.p2pchat.protocol.room.MembershipRejection;

/** What a replica tells its owner after a step, for the UI and the store. */
public sealed interface RoomEvent {
  /** A message decrypted; {@code index} is its position in the room's order now. */
  record Shown(RoomText text, int index) implements RoomEvent {}

  /** The membership moved to a new version (this replica's own change or a received one). */
  record MembershipChanged(Membership membership) implements RoomEvent {}

  /** A membership change from a peer was refused (forgery, replay, fork): counted, shown to nobody. */
  record ChangeRefused(MembershipRejection rejection) implements RoomEvent {}
}
