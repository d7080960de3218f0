package dev.p2pchat.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p2pchat.client.chat.ChatMessageCodec;
import dev.p2pchat.client.chat.ConnectSignalCodec;
import dev.p2pchat.client.event.ChatEvent;
import dev.p2pchat.client.event.EventSink;
import dev.p2pchat.client.identity.Fingerprint;
import dev.p2pchat.client.identity.Identity;
import dev.p2pchat.client.link.PeerLinks;
import dev.p2pchat.client.room.InMemoryRoomStore;
import dev.p2pchat.client.room.RoomStore;
import dev.p2pchat.client.room.RoomText;
import dev.p2pchat.client.signalling.SignallingClient;
import dev.p2pchat.client.store.ChatStore;
import dev.p2pchat.client.store.Contact;
import dev.p2pchat.client.store.StoredMessage;
import dev.p2pchat.client.trust.KeyPinning;
import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.protocol.room.RoomId;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat engine: joins the identity, the store, the signalling client and the peer links, and
 * reports everything as {@link ChatEvent}s. Front ends drive it through {@link ChatActions}.
 *
 * <p>A message is written to the outbox before it is first sent, sent on the peer's link when one is
 * up (one is set up on demand: lookup, TOFU check, offer/answer through the server, checks and
 * handshake in the link), and leaves the outbox only when the peer acknowledges it. A new link re-sends
 * everything still unacknowledged; the peer's store shows each message once.
 *
 * <p>State lives in {@link PeerChat}s owned by one loop thread; the link and signalling callbacks are
 * posted to it, except incoming messages and acknowledgements, which are stored synchronously (the link
 * acknowledges a message when its callback returns).
 */
public final class ChatClient implements ChatActions, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChatClient.class);

  private final Identity identity;
  private final ChatStore store;
  private final PeerLinks links;
  private final EventSink events;
  private final ChatOptions options;
  private final KeyPinning pinning;
  private final SignallingClient signalling;
  private final ConnectSignalCodec signals;
  private final ChatMessageCodec messages;
  private final ScheduledThreadPoolExecutor loop;
  private final Map<Username, PeerChat> peers = new HashMap<>();
  private final List<Username> incoming = new ArrayList<>();
  private final Deliveries deliveries;
  private final PeerConnector connector;
  private final RoomChats rooms;
  private volatile Username current;
  private volatile boolean serverOnline;
  private volatile ChatStatus snapshot;
  private boolean readySent;
  private final CompletableFuture<String> refused = new CompletableFuture<>();
  private final CompletableFuture<Void> serverAnswered = new CompletableFuture<>();

  /** A client whose rooms live in memory only (tests and tools that need no rooms across runs). */
  public ChatClient(Identity identity, ChatStore store, PeerLinks links, EventSink events, ChatOptions options) {
    this(identity, store, links, events, options, new InMemoryRoomStore());
  }

  public ChatClient(Identity identity, ChatStore store, PeerLinks links, EventSink events, ChatOptions options,
      RoomStore roomStore) {
    this.identity = identity;
    this.store = store;
    this.links = links;
    this.events = events;
    this.options = options;
    this.pinning = new KeyPinning(store, options.clock());
    ObjectMapper json = new ObjectMapper();
    this.signals = new ConnectSignalCodec(json);
    this.messages = new ChatMessageCodec(json);
    this.deliveries = new Deliveries(store, messages, events, options.clock());
    this.loop = new ScheduledThreadPoolExecutor(1, r -> Thread.ofPlatform().daemon().name("chat").unstarted(r));
    this.loop.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.signalling = new SignallingClient(options.server(), identity, new ServerEvents(this), options.signalling());
    this.connector = new PeerConnector(this);
    // Room keys and ids must be unpredictable whatever random the options carry for retry jitter.
    this.rooms = new RoomChats(this, roomStore, new SecureRandom());
    this.snapshot = ChatStatus.idle(identity.user(), false);
  }

  /**
   * Logs in to the server (retrying while it is unreachable). Completes at the first login, or
   * exceptionally if the server refuses this identity.
   */
  public CompletableFuture<Void> start(Optional<Username> peer) {
    peer.ifPresent(this::chatWith);
    // The link's path and round-trip time change without events: refresh the status line anyway.
    loop.scheduleWithFixedDelay(() -> post(() -> {}), 1, 1, TimeUnit.SECONDS);
    post(rooms::start);
    long tick = RoomChats.TICK.toMillis();
    loop.scheduleWithFixedDelay(() -> post(rooms::tick), tick, tick, TimeUnit.MILLISECONDS);
    return signalling.connect().thenApply(welcome -> null);
  }

  /** Completes when no message to {@code peer} waits for an acknowledgement (true), or at timeout (false). */
  public CompletableFuture<Boolean> drained(Username peer, Duration timeout) {
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    post(() -> {
      deliveries.awaitDrained(peer, done);
    });
    return done.completeOnTimeout(false, timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Completes, with the reason, when the server refused this client for good (e.g. {@code name-taken}:
   * the name belongs to other keys): nothing can be sent any more, and front ends should exit.
   */
  public CompletableFuture<String> refused() {
    return refused;
  }

  /**
   * Completes at the first login, at the first failure to reach the server, or at a refusal: the point
   * from which lines sent are either accepted or queued for a server that is away, never stored for an
   * identity the server is about to refuse.
   */
  public CompletableFuture<Void> serverAnswered() {
    return serverAnswered;
  }

  public Optional<Username> currentPeer() {
    return Optional.ofNullable(current);
  }

  /** The room plain lines go to, if one is current (it takes precedence over the current peer). */
  public Optional<RoomId> currentRoom() {
    return rooms.current();
  }

  /** {@code room}'s messages in the room's agreed order; fails for a room this user is not in. */
  public List<RoomText> roomHistory(RoomId room) {
    return rooms.history(room);
  }

  // ---- ChatActions (any thread)

  @Override
  public void send(String text) {
    post(() -> {
      if (rooms.current().isPresent()) {
        rooms.say(text);
        return;
      }
      Username peer = current;
      if (refused.isDone()) {
        events.emit(new ChatEvent.Error("not sent: the server refused this client"));
        return;
      }
      if (peer == null) {
        events.emit(new ChatEvent.Error("no peer to send to: /chat NAME first"));
        return;
      }
      byte[] payload;
      try {
        payload = messages.encode(text);
      } catch (IllegalArgumentException e) {
        events.emit(new ChatEvent.Error("not sent: " + e.getMessage()));
        return;
      }
      PeerChat chat = peer(peer);
      if (chat.state == PeerChat.State.BLOCKED) {
        events.emit(new ChatEvent.Error("not sent: the keys of " + peer + " changed; /trust them first"));
        return;
      }
      UUID id = UUID.randomUUID();
      store.enqueue(id, peer.value(), identity.user().value(), text, options.clock().instant());
      events.emit(new ChatEvent.Sent(peer, id));
      want(chat);
      if (chat.state == PeerChat.State.CONNECTED) {
        deliveries.send(chat, id, payload);
      } else {
        connector.connect(chat);
      }
    });
  }

  @Override
  public void chatWith(Username peer) {
    post(() -> {
      current = peer;
      rooms.leaveCurrent();
      PeerChat chat = peer(peer);
      want(chat);
      connector.connect(chat);
    });
  }

  @Override
  public void room(RoomCommand command) {
    post(() -> rooms.handle(command));
  }

  @Override
  public void accept(Optional<Username> peer) {
    post(() -> pendingIncoming(peer).ifPresentOrElse(connector::accept,
        () -> events.emit(new ChatEvent.Error("no chat request to accept"))));
  }

  @Override
  public void decline(Optional<Username> peer) {
    post(() -> pendingIncoming(peer).ifPresentOrElse(connector::decline,
        () -> events.emit(new ChatEvent.Error("no chat request to decline"))));
  }

  @Override
  public ChatStatus status() {
    return snapshot;
  }

  @Override
  public List<StoredMessage> history(int count) {
    Username peer = current;
    return peer == null ? List.of() : store.history(peer.value(), count);
  }

  @Override
  public Fingerprint ownFingerprint() {
    return identity.fingerprint();
  }

  @Override
  public Optional<Contact> peerContact() {
    Username peer = current;
    return peer == null ? Optional.empty() : store.contact(peer);
  }

  @Override
  public void trustPeer() {
    post(() -> {
      PeerChat chat = current == null ? null : peers.get(current);
      if (chat == null || chat.state != PeerChat.State.BLOCKED) {
        events.emit(new ChatEvent.Error("nothing to trust: no key change is pending"));
        return;
      }
      chat.contact = pinning.accept(chat.peer, chat.offeredKeys);
      chat.offeredKeys = null;
      chat.state = PeerChat.State.IDLE;
      events.emit(new ChatEvent.Trusted(chat.peer));
      connector.connect(chat);
    });
  }

  @Override
  public void verifyPeer() {
    post(() -> {
      Username peer = current;
      if (peer == null || store.contact(peer).isEmpty()) {
        events.emit(new ChatEvent.Error("no pinned keys to verify yet"));
        return;
      }
      if (peers.get(peer) != null && peers.get(peer).state == PeerChat.State.BLOCKED) {
        events.emit(new ChatEvent.Error("the keys of " + peer + " changed: /trust or compare first"));
        return;
      }
      peer(peer).contact = pinning.verify(peer);
      events.emit(new ChatEvent.Verified(peer));
    });
  }

  @Override
  public void close() {
    post(() -> {
      peers.values().forEach(PeerChat::resetAttempt);
      deliveries.abandon();
    });
    loop.shutdown();
    try {
      loop.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    signalling.close();
    links.close();
  }

  // ---- used by PeerConnector and the link callbacks (loop thread unless noted)

  Identity identity() {
    return identity;
  }

  SignallingClient signalling() {
    return signalling;
  }

  PeerLinks links() {
    return links;
  }

  KeyPinning pinning() {
    return pinning;
  }

  ConnectSignalCodec signals() {
    return signals;
  }

  EventSink events() {
    return events;
  }

  ChatOptions options() {
    return options;
  }

  ChatStore store() {
    return store;
  }

  PeerConnector connector() {
    return connector;
  }

  RoomChats rooms() {
    return rooms;
  }

  Optional<PeerChat> existing(Username user) {
    return Optional.ofNullable(peers.get(user));
  }

  /** Whether a working link to {@code user} stands. Loop thread. */
  boolean linkedTo(Username user) {
    PeerChat chat = peers.get(user);
    return chat != null && chat.state == PeerChat.State.CONNECTED;
  }

  /** Loop thread: the server ended the session for good; after the error event, so it comes first. */
  void refuse(String reason) {
    refused.complete(reason);
    serverAnswered.complete(null);
  }

  void serverOnline(boolean online) {
    serverOnline = online;
    serverAnswered.complete(null);
  }

  /** The first login emits {@code ready} once; later logins (reconnects) do not. */
  boolean firstLogin() {
    boolean first = !readySent;
    readySent = true;
    return first;
  }

  /** The user wants this chat: reconnect it whenever it breaks, and watch the peer's presence for that. */
  void want(PeerChat chat) {
    if (!chat.wanted) {
      chat.wanted = true;
      signalling.watch(List.of(chat.peer));
    }
  }

  List<PeerChat> wantedPeers() {
    return peers.values().stream().filter(chat -> chat.wanted).toList();
  }

  PeerChat peer(Username user) {
    return peers.computeIfAbsent(user, PeerChat::new);
  }

  /** Runs {@code task} on the loop, then republishes the status snapshot. Safe after close. */
  void post(Runnable task) {
    try {
      loop.execute(() -> {
        try {
          task.run();
        } catch (RuntimeException | Error e) {
          log.error("chat task failed", e);
          events.emit(new ChatEvent.Error("internal error: " + e));
        }
        publishStatus();
      });
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      log.debug("chat client closed; task dropped");
    }
  }

  void schedule(Runnable task, Duration delay) {
    if (!loop.isShutdown()) {
      loop.schedule(() -> post(task), delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  void noteIncoming(Username peer) {
    incoming.remove(peer);
    incoming.add(peer);
    if (current == null) {
      current = peer;
    }
  }

  void forgetIncoming(Username peer) {
    incoming.remove(peer);
  }

  Deliveries deliveries() {
    return deliveries;
  }

  /** Link thread: the peer acknowledged {@code id}. */
  void messageDelivered(Username peer, UUID id) {
    deliveries.delivered(peer, id);
    post(deliveries::checkDrains);
  }

  private Optional<PeerChat> pendingIncoming(Optional<Username> peer) {
    Optional<Username> who = peer.isPresent() ? peer : (incoming.isEmpty() ? Optional.empty() : Optional.of(incoming.getLast()));
    return who.map(peers::get).filter(chat -> chat.state == PeerChat.State.INCOMING);
  }

  /** Rebuilds the status snapshot; tells the front end when it changed. Loop thread. */
  private void publishStatus() {
    Username peer = current;
    PeerChat chat = peer == null ? null : peers.get(peer);
    ChatStatus next = (chat == null ? ChatStatus.idle(identity.user(), serverOnline) : chat.status(identity.user(), serverOnline, store))
        .withRoom(rooms.view());
    if (!next.equals(snapshot)) {
      snapshot = next;
      events.status(next);
    }
  }

  static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
  }
}
