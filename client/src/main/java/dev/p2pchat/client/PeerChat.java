package dev.p2pchat.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p2pchat.client.identity.PublicKeys;
import dev.p2pchat.client.link.Link;
import dev.p2pchat.client.link.LinkAttempt;
import dev.p2pchat.client.link.LinkStatus;
import dev.p2pchat.client.store.ChatStore;
import dev.p2pchat.client.store.Contact;
import dev.p2pchat.protocol.identity.Username;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The chat client's state for one peer. Mutated only on the client's loop thread.
 *
 * <pre>
 *   IDLE ─connect─▶ LOOKING_UP ─keys ok─▶ OFFERING ─answer─▶ CONNECTING ─established─▶ CONNECTED
 *     ▲  ◀─offer── (INCOMING ─accept─▶ lookup ─▶ CONNECTING)        │ closed                │
 *     └──────────────────────────────────────────────────────────────┴───────────────────────┘
 *   any lookup whose keys differ from the pinned ones ─▶ BLOCKED ─/trust─▶ IDLE
 * </pre>
 */
final class PeerChat {
  enum State { IDLE, LOOKING_UP, OFFERING, INCOMING, ACCEPTING, CONNECTING, CONNECTED, BLOCKED }

  final Username peer;
  State state = State.IDLE;
  Contact contact;
  /** The keys the server offered when they differed from the pinned ones (state BLOCKED). */
  PublicKeys offeredKeys;
  String attemptId;
  LinkAttempt attempt;
  Link link;
  /** The peer's offer, while waiting for the user to accept it (state INCOMING/ACCEPTING). */
  ObjectNode offer;
  Instant attemptStarted;
  /** Outbox messages already handed to the current link; a new link gets them all again. */
  final Set<UUID> sentOnLink = new HashSet<>();
  /** Consecutive failed attempts, for the retry delay. */
  int failures;
  /** The user wants to talk to this peer (chosen, or messages queued), so reconnect when possible. */
  boolean wanted;
  /**
   * The user accepted this peer's request in this run: a new offer from them (their reconnect after a
   * lost path or a restart) is accepted without asking again.
   */
  boolean accepted;
  /** When the scheduled retry runs (state IDLE), or null if none is scheduled. */
  Instant retryAt;
  /** When a lost link was last followed by an attempt at once (not after a backoff); null: never. */
  Instant immediateRetry;
  /** Bumped whenever a retry is scheduled or an attempt starts, so that an overtaken retry does nothing. */
  long retryGeneration;
  /** The last lookup found the peer offline, or the server unreachable: wait for presence or login. */
  boolean waiting;
  /** Lookups in a row that found no such user (0: the name is registered, or not looked up yet). */
  int unregisteredLookups;

  PeerChat(Username peer) {
    this.peer = peer;
  }

  boolean busy() {
    return state == State.LOOKING_UP || state == State.OFFERING || state == State.ACCEPTING
        || state == State.CONNECTING || state == State.CONNECTED;
  }

  /** The status line's view of this chat. */
  ChatStatus status(Username user, boolean serverOnline, ChatStore store) {
    LinkStatus linkStatus = link == null ? LinkStatus.connecting() : link.status();
    ChatStatus.PeerState peerState = switch (state) {
      case CONNECTED -> ChatStatus.PeerState.CONNECTED;
      case IDLE -> retryAt != null ? ChatStatus.PeerState.RECONNECTING
          : waiting ? ChatStatus.PeerState.OFFLINE
          : failures > 0 ? ChatStatus.PeerState.DISCONNECTED : ChatStatus.PeerState.NONE;
      case BLOCKED, INCOMING -> failures > 0 ? ChatStatus.PeerState.DISCONNECTED : ChatStatus.PeerState.NONE;
      default -> ChatStatus.PeerState.CONNECTING;
    };
    ChatStatus.Trust trust = state == State.BLOCKED ? ChatStatus.Trust.KEY_CHANGED
        : store.contact(peer).map(c -> c.verified() ? ChatStatus.Trust.VERIFIED : ChatStatus.Trust.TOFU)
            .orElse(ChatStatus.Trust.UNKNOWN);
    return new ChatStatus(user, serverOnline, Optional.of(peer), peerState, linkStatus.path(), linkStatus.remote(),
        linkStatus.rtt(), trust, store.outbox(peer.value()).size());
  }

  /** A new attempt starts now: a retry scheduled earlier must not start another. */
  void cancelRetry() {
    retryGeneration++;
    retryAt = null;
    waiting = false;
  }

  void resetAttempt() {
    if (attempt != null && link == null) {
      attempt.cancel();
    }
    attempt = null;
    attemptId = null;
    offer = null;
    if (link != null) {
      link.close();
      link = null;
    }
    sentOnLink.clear();
  }
}
