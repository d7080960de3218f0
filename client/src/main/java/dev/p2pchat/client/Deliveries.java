package dev.p2pchat.client;

import dev.p2pchat.client.chat.ChatMessageCodec;
import dev.p2pchat.client.event.ChatEvent;
import dev.p2pchat.client.event.EventSink;
import dev.p2pchat.client.store.ChatStore;
import dev.p2pchat.client.store.StoredMessage;
import dev.p2pchat.protocol.identity.Username;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message side of a {@link ChatClient}: outbox to link, link to history, acknowledgements, and the
 * callers waiting until a peer's outbox is empty ({@link ChatClient#drained}; the JSON mode's exit).
 * Sending and drains run on the client's loop; arrivals and acknowledgements on the link's thread.
 */
final class Deliveries {
  private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

  private record Drain(Username peer, CompletableFuture<Boolean> done) {}

  private final ChatStore store;
  private final ChatMessageCodec messages;
  private final EventSink events;
  private final InstantSource clock;
  private final List<Drain> drains = new ArrayList<>();
  /**
   * Held while an acknowledgement is stored and reported, and while drains look at the outbox: a drain
   * that sees the outbox empty completes only after the last {@code delivered} event was emitted (the
   * JSON mode exits on it, and that line must be out by then).
   */
  private final Object lock = new Object();

  Deliveries(ChatStore store, ChatMessageCodec messages, EventSink events, InstantSource clock) {
    this.store = store;
    this.messages = messages;
    this.events = events;
    this.clock = clock;
  }

  /** The link is up: hand it every unacknowledged message of this peer, oldest first. */
  void flush(PeerChat chat) {
    for (StoredMessage message : store.outbox(chat.peer.value())) {
      if (!chat.sentOnLink.contains(message.id())) {
        send(chat, message.id(), messages.encode(message.text()));
      }
    }
    checkDrains();
  }

  void send(PeerChat chat, UUID id, byte[] payload) {
    chat.sentOnLink.add(id);
    chat.link.send(id, payload);
    store.markSent(id, clock.instant());
  }

  /** Link thread: stores a message before the link acknowledges it; shows it only once. */
  void arrived(Username peer, UUID id, byte[] payload) {
    String text;
    try {
      text = messages.decode(payload);
    } catch (IllegalArgumentException e) {
      log.debug("dropped an undecodable message from {}: {}", peer, e.getMessage());
      return;
    }
    if (store.receive(id, peer.value(), peer.value(), text, clock.instant())) {
      store.seen(peer, clock.instant());
      events.emit(new ChatEvent.MessageReceived(peer, id, text));
    }
  }

  /** Link thread: the peer acknowledged {@code id}; the caller then runs {@link #checkDrains} on the loop. */
  void delivered(Username peer, UUID id) {
    synchronized (lock) {
      String text = store.outbox(peer.value()).stream().filter(m -> m.id().equals(id))
          .map(StoredMessage::text).findFirst().orElse("");
      if (store.markDelivered(id, clock.instant())) {
        events.emit(new ChatEvent.Delivered(peer, id, text));
      }
    }
  }

  void awaitDrained(Username peer, CompletableFuture<Boolean> done) {
    drains.add(new Drain(peer, done));
    checkDrains();
  }

  /** Completes (true) every wait whose peer has nothing left to deliver; forgets timed-out ones. */
  void checkDrains() {
    synchronized (lock) {
      drains.removeIf(drain -> {
        if (!drain.done().isDone() && store.outbox(drain.peer().value()).isEmpty()) {
          drain.done().complete(true);
        }
        return drain.done().isDone();
      });
    }
  }

  /** The client closes: nobody waits any longer (false: not everything was delivered). */
  void abandon() {
    drains.forEach(drain -> drain.done().complete(false));
    drains.clear();
  }
}
