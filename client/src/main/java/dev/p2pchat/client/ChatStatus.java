package dev.p2pchat.client;

import dev.p2pchat.client.event.PathKind;
import dev.p2pchat.protocol.identity.Username;
import java.time.Duration;
import java.util.Optional;

/**
 * A snapshot of the chat for the status line and {@code /status}.
 *
 * @param serverOnline whether the signalling connection is up
 * @param peer the current chat partner, if any
 * @param queued messages to {@code peer} still waiting for an acknowledgement
 * @param room the current room, if one is: plain lines go there rather than to {@code peer}
 */
public record ChatStatus(
    Username user,
    boolean serverOnline,
    Optional<Username> peer,
    PeerState state,
    Optional<PathKind> path,
    Optional<String> remote,
    Optional<Duration> rtt,
    Trust trust,
    int queued,
    Optional<RoomView> room) {

  /** The status without a current room. */
  public ChatStatus(Username user, boolean serverOnline, Optional<Username> peer, PeerState state,
      Optional<PathKind> path, Optional<String> remote, Optional<Duration> rtt, Trust trust, int queued) {
    this(user, serverOnline, peer, state, path, remote, rtt, trust, queued, Optional.empty());
  }

  /**
   * The current room as the status line shows it.
   *
   * @param members everyone in the room, this user included
   * @param linked the other members this client has a working link to right now
   */
  public record RoomView(String name, int members, int linked) {}

  /** This status with {@code room} as the current room (or none). */
  public ChatStatus withRoom(Optional<RoomView> room) {
    return new ChatStatus(user, serverOnline, peer, state, path, remote, rtt, trust, queued, room);
  }

  /**
   * Where the chat with the current peer stands. RECONNECTING: the link is down and a new attempt is
   * scheduled; OFFLINE: the peer is not online (or the server is unreachable), and the client connects
   * when presence says it is back.
   */
  public enum PeerState { NONE, CONNECTING, CONNECTED, DISCONNECTED, RECONNECTING, OFFLINE }

  /** How far the current peer's keys are trusted. */
  public enum Trust {
    /** Not looked up yet. */
    UNKNOWN,
    /** Pinned on first use, fingerprints not compared. */
    TOFU,
    /** The user compared fingerprints ({@code /verify}). */
    VERIFIED,
    /** The server offered other keys than the pinned ones: sending is blocked until {@code /trust}. */
    KEY_CHANGED
  }

  /** The status before any peer is chosen. */
  public static ChatStatus idle(Username user, boolean serverOnline) {
    return new ChatStatus(user, serverOnline, Optional.empty(), PeerState.NONE, Optional.empty(),
        Optional.empty(), Optional.empty(), Trust.UNKNOWN, 0);
  }
}
