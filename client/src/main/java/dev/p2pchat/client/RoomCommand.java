package dev.p2pchat.client;

import dev.p2pchat.protocol.identity.Username;

/**
 * A room command from a front end (terminal {@code /room create NAME}, {@code /invite USER}, ...; the
 * same lines in {@code --json} mode). A room is named by its id (hex) or, when unambiguous, its name.
 */
public sealed interface RoomCommand {
  /** Creates a room with this user as admin and makes it current. */
  record Create(String name) implements RoomCommand {}

  /** Invites {@code user} to the current room (admins only). */
  record Invite(Username user) implements RoomCommand {}

  /** Removes {@code user} from the current room (admins only). */
  record Remove(Username user) implements RoomCommand {}

  /** Accepts the invitation to {@code room} (id or name) and makes it current. */
  record Join(String room) implements RoomCommand {}

  /** Leaves the current room. */
  record Leave() implements RoomCommand {}

  /** Lists the members of the current room. */
  record Members() implements RoomCommand {}

  /** Makes {@code target} current: a room (id or name) or, if no room matches, a 1:1 chat with that user. */
  record Switch(String target) implements RoomCommand {}

  /** Lists this user's rooms and pending invitations. */
  record ListRooms() implements RoomCommand {}
}
