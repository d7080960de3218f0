package dev.p2pchat.client.event;

import dev.p2pchat.protocol.identity.Username;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Everything the chat client reports to its front end, one record per kind. The JSON mode writes
 * each as one line ({@link JsonEventWriter}); the terminal UI renders each as text. Adding a record
 * here is the way to tell the user something new.
 */
public sealed interface ChatEvent {

  /** Logged in to the server; {@code publicAddress} is the server-reflexive UDP address, if known. */
  record Ready(Username user, Optional<String> publicAddress) implements ChatEvent {}

  /** A peer asks to chat (a connection offer arrived). */
  record Incoming(Username peer) implements ChatEvent {}

  /** An end-to-end encrypted session with {@code peer} is up. */
  record Connected(Username peer, PathKind path, String remote, Duration setup, boolean verified)
      implements ChatEvent {}

  /** A message from {@code from}, shown once (duplicates are filtered by the store). */
  record MessageReceived(Username from, UUID id, String text) implements ChatEvent {}

  /** A message to {@code to} is in the outbox (stored; it will be sent as soon as possible). */
  record Sent(Username to, UUID id) implements ChatEvent {}

  /**
   * {@code to} acknowledged the message: it is out of the outbox. {@code text} is what was sent (for
   * the terminal's delivery mark; empty if the outbox no longer knew it).
   */
  record Delivered(Username to, UUID id, String text) implements ChatEvent {
    public Delivered(Username to, UUID id) {
      this(to, id, "");
    }
  }

  /** The session with {@code peer} ended; queued messages wait for the next one. */
  record Disconnected(Username peer, String reason) implements ChatEvent {}

  /** The connection to the rendezvous server dropped; the client retries after {@code retryIn}. */
  record Reconnecting(String reason, Duration retryIn) implements ChatEvent {}

  /**
   * The link to {@code peer} is down ({@code reason}) and the client tries again by itself after
   * {@code retryIn} (sooner if presence says the peer came back); queued messages wait in the outbox.
   */
  record PeerReconnecting(Username peer, String reason, Duration retryIn) implements ChatEvent {}

  /**
   * Logged in to the server again after losing it (the first login is {@link Ready}): the client
   * re-registered and re-sent its watch list by itself.
   */
  record Registered(Username user) implements ChatEvent {}

  /** The path to {@code peer} changed (e.g. relayed → direct, or a NAT rebinding). */
  record PathChanged(Username peer, PathKind path, String remote) implements ChatEvent {}

  /**
   * The client waits for {@code peer} and connects by itself when it can (e.g. {@code reason} "no such
   * user yet": nobody registered that name so far; the client looks it up again now and then).
   */
  record Waiting(Username peer, String reason) implements ChatEvent {}

  /** A watched contact came online or went offline. */
  record Presence(Username peer, boolean online) implements ChatEvent {}

  /**
   * The server presented other keys for {@code peer} than the pinned ones. Sending to {@code peer} is
   * refused until the user accepts them ({@code /trust}). Fingerprints are in the digit form.
   */
  record KeyChanged(Username peer, String pinnedFingerprint, String offeredFingerprint)
      implements ChatEvent {}

  /** The user accepted {@code peer}'s new keys. */
  record Trusted(Username peer) implements ChatEvent {}

  /** The user marked {@code peer} verified after comparing fingerprints. */
  record Verified(Username peer) implements ChatEvent {}

  /** Something failed that the user should know about. */
  record Error(String message) implements ChatEvent {}

  // ---- rooms (docs/architecture.md "Rooms"); {@code room} is the room id in hex

  /** This user created {@code room}; it is now current. */
  record RoomCreated(String room, String name) implements ChatEvent {}

  /** {@code inviter} invited this user to {@code room}; {@code /join} accepts. */
  record RoomInvited(String room, String name, Username inviter) implements ChatEvent {}

  /** This user accepted the invitation to {@code room}; it is now current. */
  record RoomJoined(String room, String name) implements ChatEvent {}

  /** {@code member} can now read {@code room} (an accepted invitation, or this user's own join). */
  record RoomMemberAdded(String room, Username member) implements ChatEvent {}

  /** {@code member} left or was removed: the room's keys changed, it reads nothing that follows. */
  record RoomMemberRemoved(String room, Username member) implements ChatEvent {}

  /**
   * A room message (also this user's own), at {@code index} in the room's agreed order (Lamport
   * time, then sender); a late message from a reconnected member may land before earlier-shown ones.
   */
  record RoomMessage(String room, Username from, String text, int index) implements ChatEvent {}

  /** The answer to {@code /members}: who reads {@code room}, and its admins. */
  record RoomMembers(String room, String name, List<Username> members, List<Username> admins)
      implements ChatEvent {
    public RoomMembers {
      members = List.copyOf(members);
      admins = List.copyOf(admins);
    }
  }

  /** The answer to {@code /rooms}: this user's rooms and the invitations not yet accepted. */
  record RoomList(List<RoomEntry> rooms, List<RoomEntry> invitations) implements ChatEvent {
    public RoomList {
      rooms = List.copyOf(rooms);
      invitations = List.copyOf(invitations);
    }
  }

  /** One line of a {@link RoomList}. */
  record RoomEntry(String room, String name) {}

  /** Lines now go to {@code room} (empty: to the 1:1 chat again). */
  record RoomSwitched(Optional<String> room, String name) implements ChatEvent {}
}
