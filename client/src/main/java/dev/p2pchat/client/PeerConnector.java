package dev.p2pchat.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p2pchat.client.chat.ConnectSignal;
import dev.p2pchat.client.event.ChatEvent;
import dev.p2pchat.client.event.PathKind;
import dev.p2pchat.client.link.Link;
import dev.p2pchat.client.link.LinkAttempt;
import dev.p2pchat.client.link.LinkListener;
import dev.p2pchat.client.link.LinkRole;
import dev.p2pchat.client.signalling.Backoff;
import dev.p2pchat.client.signalling.ErrorCode;
import dev.p2pchat.client.signalling.ServerMessage;
import dev.p2pchat.client.signalling.SignallingException;
import dev.p2pchat.client.trust.TrustDecision;
import dev.p2pchat.protocol.identity.Base64Url;
import dev.p2pchat.protocol.room.RoomWire;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up links to peers for the {@link ChatClient}: lookup and TOFU check, offer/answer through the
 * server, then the link's checks and handshake. Runs on the client's loop; every asynchronous result
 * is posted back and checked against the attempt it belongs to, so stale results are ignored.
 *
 * <p>Glare (both sides offer at once) is broken by the usernames: the offer of the smaller name wins,
 * the other side drops its own attempt and answers.
 */
final class PeerConnector {
  private static final Duration MAX_RETRY = Duration.ofSeconds(60);
  /** The longest pause between lookups of a name nobody registered yet. */
  private static final Duration MAX_JOIN_POLL = Duration.ofSeconds(10);
  /** How long the server may take to answer a ping after a peer path died before its connection is made again. */
  private static final Duration SIGNALLING_PROBE = Duration.ofMillis(1500);
  private static final Duration IMMEDIATE_RETRY_SPACING = Duration.ofSeconds(30);
  private static final Logger LOG = LoggerFactory.getLogger(PeerConnector.class);

  private final ChatClient client;

  PeerConnector(ChatClient client) {
    this.client = client;
  }

  /** Starts an outgoing attempt unless one is running, the peer is blocked, or its offer awaits the user. */
  void connect(PeerChat chat) {
    if (chat.busy() || chat.state == PeerChat.State.BLOCKED || chat.state == PeerChat.State.INCOMING) {
      return;
    }
    chat.cancelRetry();
    chat.state = PeerChat.State.LOOKING_UP;
    chat.attemptStarted = client.options().clock().instant();
    String attemptId = newAttemptId();
    chat.attemptId = attemptId;
    // Gathering runs alongside the look-up: neither needs the other, and each costs a round trip.
    CompletableFuture<LinkAttempt> gathering = client.links().prepare();
    lookup(chat, attemptId, PeerChat.State.LOOKING_UP, gathering, info -> {
      step(chat, "looked up");
      if (!info.online()) {
        abandon(gathering);
        chat.resetAttempt();
        chat.state = PeerChat.State.IDLE;
        chat.waiting = true;
        client.events().emit(new ChatEvent.Presence(chat.peer, false));
        return; // the presence watch reconnects when the peer comes online
      }
      prepare(chat, attemptId, PeerChat.State.LOOKING_UP, gathering, attempt -> {
        step(chat, "gathered");
        offer(chat, attemptId, attempt);
      });
    });
  }

  void accept(PeerChat chat) {
    String attemptId = chat.attemptId;
    chat.accepted = true;
    chat.state = PeerChat.State.ACCEPTING;
    client.forgetIncoming(chat.peer);
    CompletableFuture<LinkAttempt> gathering = client.links().prepare();
    lookup(chat, attemptId, PeerChat.State.ACCEPTING, gathering, info ->
        prepare(chat, attemptId, PeerChat.State.ACCEPTING, gathering, attempt -> {
          step(chat, "looked up and gathered");
          chat.attempt = attempt;
          ObjectNode offer = chat.offer;
          // The answerer starts its checks before answering, so its NAT is primed when the offerer's arrive.
          if (connectLink(chat, attemptId, offer, LinkRole.CONTROLLED)) {
            signal(chat, attemptId, new ConnectSignal.Answer(attemptId, attempt.description()));
          }
        }));
  }

  void decline(PeerChat chat) {
    chat.accepted = false;
    client.forgetIncoming(chat.peer);
    signal(chat, chat.attemptId, new ConnectSignal.Decline(chat.attemptId, "declined"));
    chat.resetAttempt();
    chat.state = PeerChat.State.IDLE;
  }

  void signalled(PeerChat chat, ConnectSignal signal) {
    switch (signal) {
      case ConnectSignal.Offer offer -> offered(chat, offer);
      case ConnectSignal.Answer answer -> {
        if (chat.state == PeerChat.State.OFFERING && answer.attempt().equals(chat.attemptId)) {
          step(chat, "answered");
          connectLink(chat, chat.attemptId, answer.description(), LinkRole.CONTROLLING);
        }
      }
      case ConnectSignal.Decline decline -> {
        if (decline.attempt().equals(chat.attemptId) && chat.state != PeerChat.State.CONNECTED) {
          chat.wanted = false; // do not keep knocking on a door that was closed
          fail(chat, chat.peer + " declined (" + decline.reason() + ")");
        }
      }
    }
  }

  private void offered(PeerChat chat, ConnectSignal.Offer offer) {
    if (chat.state == PeerChat.State.BLOCKED) {
      signal(chat, offer.attempt(), new ConnectSignal.Decline(offer.attempt(), "keys not trusted"));
      return;
    }
    if (offer.attempt().equals(chat.attemptId)) {
      return; // the same offer again
    }
    boolean ownOfferPending = chat.state == PeerChat.State.LOOKING_UP || chat.state == PeerChat.State.OFFERING;
    if (ownOfferPending && client.identity().user().value().compareTo(chat.peer.value()) < 0) {
      return; // glare: our offer wins, the peer will answer it
    }
    if (chat.state == PeerChat.State.CONNECTED) {
      client.events().emit(new ChatEvent.Disconnected(chat.peer, "peer started a new connection"));
    }
    chat.resetAttempt();
    chat.cancelRetry(); // the peer's offer is the new attempt
    chat.attemptId = offer.attempt();
    chat.offer = offer.description();
    chat.state = PeerChat.State.INCOMING;
    chat.attemptStarted = client.options().clock().instant();
    client.noteIncoming(chat.peer);
    client.events().emit(new ChatEvent.Incoming(chat.peer));
    if (client.options().acceptAll() || chat.wanted || chat.accepted || client.rooms().member(chat.peer)) {
      accept(chat);
    }
  }

  private void offer(PeerChat chat, String attemptId, LinkAttempt attempt) {
    chat.attempt = attempt;
    chat.state = PeerChat.State.OFFERING;
    signal(chat, attemptId, new ConnectSignal.Offer(attemptId, attempt.description()));
    client.schedule(() -> {
      if (attemptId.equals(chat.attemptId) && chat.state == PeerChat.State.OFFERING) {
        fail(chat, "no answer from " + chat.peer);
      }
    }, client.options().answerTimeout());
  }

  private boolean connectLink(PeerChat chat, String attemptId, ObjectNode remote, LinkRole role) {
    try {
      chat.link = chat.attempt.connect(remote, role, chat.contact.keys(), new Listener(chat, attemptId));
    } catch (IllegalArgumentException e) {
      fail(chat, "unusable connection offer from " + chat.peer + ": " + e.getMessage());
      return false;
    }
    chat.state = PeerChat.State.CONNECTING;
    client.schedule(() -> {
      if (attemptId.equals(chat.attemptId) && chat.state == PeerChat.State.CONNECTING) {
        fail(chat, "could not reach " + chat.peer + " (no working path)");
      }
    }, client.options().connectTimeout());
    return true;
  }

  // ---- steps shared by both sides

  /** Looks {@code chat.peer} up; when that ends the attempt, the {@code gathering} started with it is dropped. */
  private void lookup(PeerChat chat, String attemptId, PeerChat.State during, CompletableFuture<LinkAttempt> gathering,
      Consumer<ServerMessage.UserInfo> next) {
    client.signalling().lookup(chat.peer).whenComplete((info, error) -> client.post(() -> {
      if (!attemptId.equals(chat.attemptId) || chat.state != during) {
        abandon(gathering);
        return;
      }
      if (error != null) {
        abandon(gathering);
        lookupFailed(chat, ChatClient.unwrap(error));
        return;
      }
      if (chat.unregisteredLookups > 0) {
        chat.unregisteredLookups = 0;
        client.signalling().watch(List.of(chat.peer)); // the server refused the watch while the name was free
      }
      if (trusted(chat, info)) {
        next.accept(info);
      } else {
        abandon(gathering);
      }
    }));
  }

  private static void abandon(CompletableFuture<LinkAttempt> gathering) {
    gathering.thenAccept(LinkAttempt::cancel);
  }

  private void prepare(PeerChat chat, String attemptId, PeerChat.State during, CompletableFuture<LinkAttempt> gathering,
      Consumer<LinkAttempt> next) {
    gathering.whenComplete((attempt, error) -> client.post(() -> {
      if (!attemptId.equals(chat.attemptId) || chat.state != during) {
        if (attempt != null) {
          attempt.cancel();
        }
      } else if (error != null) {
        fail(chat, "cannot gather candidates: " + ChatClient.unwrap(error).getMessage());
      } else {
        next.accept(attempt);
      }
    }));
  }

  private boolean trusted(PeerChat chat, ServerMessage.UserInfo info) {
    TrustDecision decision = client.pinning().check(chat.peer, info.keys());
    chat.contact = decision.contact();
    if (decision instanceof TrustDecision.KeyChanged changed) {
      if (chat.state == PeerChat.State.ACCEPTING) {
        signal(chat, chat.attemptId, new ConnectSignal.Decline(chat.attemptId, "keys not trusted"));
      }
      chat.resetAttempt();
      chat.state = PeerChat.State.BLOCKED;
      chat.offeredKeys = changed.offered();
      client.events().emit(new ChatEvent.KeyChanged(chat.peer,
          changed.pinnedFingerprint().digits(), changed.offeredFingerprint().digits()));
      return false;
    }
    return true;
  }

  private void lookupFailed(PeerChat chat, Throwable error) {
    if (error instanceof SignallingException.ServerError e && e.code() == ErrorCode.UNKNOWN_USER) {
      awaitRegistration(chat);
      return;
    }
    if (error instanceof SignallingException.NotConnected || error instanceof SignallingException.ConnectionLost) {
      // Server unreachable: the signalling client retries with its backoff, and the next login
      // connects every wanted peer (ServerEvents.onConnected).
      chat.resetAttempt();
      chat.state = PeerChat.State.IDLE;
      chat.waiting = true;
      return;
    }
    fail(chat, "looking up " + chat.peer + " failed: " + error.getMessage());
  }

  /**
   * No such user yet: the peer may register any moment (the other side simply started later). The
   * server cannot watch a name nobody registered (docs/api.md: {@code watch} answers unknown-user), so
   * the lookup is repeated with backoff, up to every {@link #MAX_JOIN_POLL}; the user is told once. The
   * chat stays wanted, and the first lookup that finds the name watches it again (see {@link #lookup}).
   */
  private void awaitRegistration(PeerChat chat) {
    chat.resetAttempt();
    chat.state = PeerChat.State.IDLE;
    if (chat.unregisteredLookups++ == 0) {
      client.events().emit(new ChatEvent.Waiting(chat.peer, "no such user yet"));
    }
    Duration initial = client.options().retryDelay();
    Backoff backoff = new Backoff(initial, initial.compareTo(MAX_JOIN_POLL) > 0 ? initial : MAX_JOIN_POLL);
    Duration delay = backoff.delay(chat.unregisteredLookups - 1, client.options().random());
    chat.waiting = true;
    long generation = ++chat.retryGeneration;
    client.schedule(() -> {
      if (chat.retryGeneration == generation && chat.state == PeerChat.State.IDLE) {
        connect(chat);
      }
    }, delay);
  }

  private void signal(PeerChat chat, String attemptId, ConnectSignal signal) {
    client.signalling().signal(chat.peer, client.signals().encode(signal)).whenComplete((ok, error) -> {
      if (error != null && !(signal instanceof ConnectSignal.Decline)) {
        client.post(() -> {
          if (attemptId.equals(chat.attemptId) && chat.state != PeerChat.State.CONNECTED) {
            fail(chat, "cannot reach " + chat.peer + " through the server: " + ChatClient.unwrap(error).getMessage());
          }
        });
      }
    });
  }

  /**
   * An attempt or link ended: report it ({@code disconnected}), and while the user still wants the
   * chat, schedule a new attempt ({@code reconnecting}) with exponential backoff and jitter. Presence
   * (the peer came back online) or a new login to the server start it sooner.
   */
  private void fail(PeerChat chat, String reason) {
    fail(chat, reason, false);
  }

  /**
   * {@code established}: a working link was lost, and the first new attempt starts at once (its
   * candidates are gathered on fresh ports), at most once per {@link #IMMEDIATE_RETRY_SPACING} so that a
   * link that keeps breaking as soon as it works still backs off; failed attempts back off.
   */
  private void fail(PeerChat chat, String reason, boolean established) {
    chat.resetAttempt();
    chat.state = PeerChat.State.IDLE;
    chat.failures++;
    client.events().emit(new ChatEvent.Disconnected(chat.peer, reason));
    if (chat.wanted) {
      Duration initial = client.options().retryDelay();
      Backoff backoff = new Backoff(initial, initial.compareTo(MAX_RETRY) > 0 ? initial : MAX_RETRY);
      Instant now = client.options().clock().instant();
      boolean immediate = established
          && (chat.immediateRetry == null || !now.isBefore(chat.immediateRetry.plus(IMMEDIATE_RETRY_SPACING)));
      if (immediate) {
        chat.immediateRetry = now;
      }
      Duration delay = immediate ? Duration.ZERO : backoff.delay(chat.failures - 1, client.options().random());
      long generation = ++chat.retryGeneration;
      chat.retryAt = client.options().clock().instant().plus(delay);
      client.events().emit(new ChatEvent.PeerReconnecting(chat.peer, reason, delay));
      client.schedule(() -> {
        if (chat.retryGeneration == generation && chat.state == PeerChat.State.IDLE) {
          connect(chat);
        }
      }, delay);
    }
  }

  /** Where an attempt's setup time goes (debug log): milliseconds since it started, per step. */
  private void step(PeerChat chat, String what) {
    if (LOG.isDebugEnabled()) {
      LOG.debug("{} with {}: {} at +{} ms", chat.attemptId, chat.peer, what,
          Duration.between(chat.attemptStarted, client.options().clock().instant()).toMillis());
    }
  }

  private String newAttemptId() {
    byte[] bytes = new byte[12];
    client.options().random().nextBytes(bytes);
    return Base64Url.encode(bytes);
  }

  /** A link's callbacks, tied to the attempt that created it. */
  private final class Listener implements LinkListener {
    private final PeerChat chat;
    private final String attemptId;

    Listener(PeerChat chat, String attemptId) {
      this.chat = chat;
      this.attemptId = attemptId;
    }

    private boolean stale() {
      return !attemptId.equals(chat.attemptId);
    }

    @Override
    public void onEstablished(PathKind path, String remote) {
      client.post(() -> {
        if (stale() || chat.state != PeerChat.State.CONNECTING) {
          return;
        }
        chat.state = PeerChat.State.CONNECTED;
        chat.failures = 0;
        Duration setup = Duration.between(chat.attemptStarted, client.options().clock().instant());
        step(chat, "established");
        client.events().emit(new ChatEvent.Connected(chat.peer, path, remote, setup, chat.contact.verified()));
        client.deliveries().flush(chat);
        client.rooms().linkUp(chat);
      });
    }

    @Override
    public void onMessage(UUID id, byte[] payload) {
      if (RoomWire.isRoomPayload(payload)) {
        client.rooms().arrived(chat.peer, payload); // no 1:1 history: the room keeps its own
      } else {
        client.deliveries().arrived(chat.peer, id, payload);
      }
    }

    @Override
    public void onDelivered(UUID id) {
      client.messageDelivered(chat.peer, id);
    }

    @Override
    public void onPathChanged(PathKind path, String remote) {
      client.post(() -> {
        if (!stale()) {
          client.events().emit(new ChatEvent.PathChanged(chat.peer, path, remote));
        }
      });
    }

    @Override
    public void onClosed(String reason) {
      client.post(() -> {
        if (stale()) {
          return;
        }
        Link closed = chat.link;
        chat.link = null; // already closed: resetAttempt must not close it again
        boolean established = chat.state == PeerChat.State.CONNECTED;
        if (closed != null || chat.state == PeerChat.State.CONNECTING || established) {
          if (established) {
            // Whatever broke the path (a NAT that forgot us, a new network) may have broken the server
            // connection too: find out now, since the reconnection goes through it.
            client.signalling().probe(SIGNALLING_PROBE);
          }
          fail(chat, reason, established);
        }
      });
    }
  }
}
