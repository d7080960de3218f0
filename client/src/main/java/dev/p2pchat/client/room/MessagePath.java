package dev.p2pchat.client.room;

import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.protocol.room.Envelope;
import dev.p2pchat.protocol.room.Member;
import dev.p2pchat.protocol.room.Membership;
import dev.p2pchat.protocol.room.OrderKey;
import dev.p2pchat.protocol.room.RoomCrypto;
import dev.p2pchat.protocol.room.RoomHistory;
import dev.p2pchat.protocol.room.RoomMessage;
import dev.p2pchat.protocol.room.RoomMessage.EpochKey;
import dev.p2pchat.protocol.room.RoomMessage.KeyRequest;
import dev.p2pchat.protocol.room.RoomMessage.SenderKeys;
import dev.p2pchat.protocol.room.RoomMessage.SyncRequest;
import dev.p2pchat.protocol.room.RoomMessage.SyncResponse;
import dev.p2pchat.protocol.room.RoomWire;
import dev.p2pchat.protocol.room.SenderKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A replica's message side: sealing and fan-out, checking and opening envelopes, sender keys and
 * their rotation, and the answers to sync requests. Part of {@link RoomReplica}, on its thread.
 *
 * <p>An envelope is kept (and passed on in syncs) once its author's signature verifies against the
 * membership of its epoch; it is shown once its sender key is here. An envelope of an epoch this
 * replica has not reached yet waits for the membership to catch up.
 */
final class MessagePath {
  /** Envelopes held back for a membership or a key we lack; beyond this they are dropped and counted. */
  static final int MAX_WAITING = 10_000;

  private final RoomReplica room;
  private final RoomHistory history = new RoomHistory();
  private final RoomKeys keys = new RoomKeys();
  private final TreeMap<OrderKey, RoomText> texts = new TreeMap<>();
  private final List<Envelope> future = new ArrayList<>();
  private final Map<KeyId, List<Envelope>> awaitingKey = new HashMap<>();
  private final Set<KeyId> keysAsked = new HashSet<>();
  private long ownSeq;

  private record KeyId(Username sender, long epoch) {}

  MessagePath(RoomReplica room) {
    this.room = room;
  }

  Step send(byte[] plaintext) {
    Membership current = room.membership();
    if (!current.reads(room.self)) {
      throw new IllegalStateException(room.self + " does not read room " + room.roomId() + " now");
    }
    Step.Builder step = new Step.Builder();
    if (keys.get(room.self, current.version()).isEmpty()) {
      rotate(current.version(), step); // a restart between a change and its rotation
    }
    EpochKey key = keys.get(room.self, current.version()).orElseThrow();
    Envelope envelope = RoomCrypto.seal(room.roomId(), current.version(), room.self, ++ownSeq,
        history.maxLamport() + 1, key.key(), room.identity, plaintext);
    history.add(envelope);
    room.journal.envelope(room.roomId(), envelope);
    show(envelope, plaintext, step);
    for (Username reader : current.readers()) {
      if (!reader.equals(room.self)) {
        step.out.add(new Outbound(reader, envelope));
      }
    }
    return step.build();
  }

  void restore(StoredRoom stored) {
    stored.keys().forEach((sender, list) -> {
      list.forEach(key -> keys.put(sender, key));
      list.stream().mapToLong(EpochKey::firstSeq).min().ifPresent(first -> history.startAt(sender, first));
    });
    Step.Builder ignored = new Step.Builder();
    for (Envelope envelope : stored.envelopes()) {
      accept(room.self, envelope, ignored);
      if (envelope.sender().equals(room.self)) {
        ownSeq = Math.max(ownSeq, envelope.seq());
      }
    }
    keysAsked.clear();
  }

  void receive(Username from, RoomMessage message, Step.Builder step) {
    switch (message) {
      case Envelope envelope -> accept(from, envelope, step);
      case SyncResponse response -> {
        response.envelopes().forEach(e -> accept(from, e, step));
        if (response.envelopes().size() == RoomWire.MAX_SYNC_BATCH) {
          step.out.add(new Outbound(from, room.syncRequest())); // more to come: ask at once
        }
      }
      case SenderKeys senderKeys -> onKeys(from, senderKeys, step);
      case KeyRequest request -> onKeyRequest(from, request, step);
      default -> throw new IllegalStateException("handled by RoomReplica: " + message);
    }
  }

  private void accept(Username from, Envelope envelope, Step.Builder step) {
    if (!envelope.room().equals(room.roomId())) {
      room.counters.wrongRoom++;
      return;
    }
    if (envelope.epoch() > room.log.version()) {
      hold(future, envelope);
      step.out.add(new Outbound(from, room.syncRequest())); // the change that made that epoch
      return;
    }
    Membership epoch = room.log.at(envelope.epoch());
    Optional<Member> author = epoch.member(envelope.sender()).filter(m -> m.role().reads());
    if (author.isEmpty() || !entitled(room.self, envelope.epoch())) {
      room.counters.notMembers++;
      return;
    }
    if (history.contains(envelope.sender(), envelope.seq())) {
      room.counters.duplicates++;
      return;
    }
    if (!RoomCrypto.verify(envelope, author.get().key())) {
      room.counters.badSignatures++;
      return;
    }
    history.add(envelope);
    room.journal.envelope(room.roomId(), envelope);
    open(envelope, step);
  }

  private void open(Envelope envelope, Step.Builder step) {
    KeyId id = new KeyId(envelope.sender(), envelope.epoch());
    Optional<EpochKey> key = keys.get(id.sender(), id.epoch());
    if (key.isEmpty()) {
      List<Envelope> waiting = awaitingKey.computeIfAbsent(id, k -> new ArrayList<>());
      hold(waiting, envelope);
      if (keysAsked.add(id) && !id.sender().equals(room.self)) {
        step.out.add(new Outbound(id.sender(), new KeyRequest(room.roomId(), id.sender(), id.epoch())));
      }
      return;
    }
    Optional<byte[]> plaintext = RoomCrypto.open(envelope, key.get().key());
    if (plaintext.isEmpty()) {
      room.counters.undecryptable++; // signed by a member, sealed with something else: never shown
      return;
    }
    show(envelope, plaintext.get(), step);
  }

  private void show(Envelope envelope, byte[] plaintext, Step.Builder step) {
    RoomText text = new RoomText(envelope.orderKey(), envelope.epoch(), plaintext);
    texts.put(text.key(), text);
    step.events.add(new RoomEvent.Shown(text, texts.headMap(text.key()).size()));
  }

  /** Keys come only from their owner, over the 1:1 session authenticated to the owner's key. */
  private void onKeys(Username from, SenderKeys senderKeys, Step.Builder step) {
    if (!senderKeys.sender().equals(from)) {
      room.counters.refusedKeys++;
      return;
    }
    for (EpochKey key : senderKeys.keys()) {
      if (keys.put(from, key)) {
        room.journal.key(room.roomId(), from, key);
      }
      List<Envelope> waiting = awaitingKey.remove(new KeyId(from, key.epoch()));
      if (waiting != null) {
        waiting.forEach(e -> open(e, step));
      }
    }
    keys.all(from).stream().mapToLong(EpochKey::firstSeq).min()
        .ifPresent(first -> history.startAt(from, first));
  }

  private void onKeyRequest(Username from, KeyRequest request, Step.Builder step) {
    if (!request.sender().equals(room.self) || request.epoch() > room.log.version()
        || !entitled(from, request.epoch())) {
      room.counters.refusedKeys++;
      return;
    }
    keys.get(room.self, request.epoch()).ifPresent(key ->
        step.out.add(new Outbound(from, new SenderKeys(room.roomId(), room.self, List.of(key)))));
  }

  /** May {@code user} read messages of {@code epoch}? Readers of it; anyone reading now if history is visible. */
  private boolean entitled(Username user, long epoch) {
    Membership current = room.membership();
    return room.log.at(epoch).reads(user) || (current.historyVisible() && current.reads(user));
  }

  void answerSync(Username from, SyncRequest request, Step.Builder step) {
    if (!room.membership().reads(from)) {
      return;
    }
    List<Envelope> missing = history.missingFrom(request.vector(), RoomWire.MAX_SYNC_BATCH,
        envelope -> entitled(from, envelope.epoch()));
    if (!missing.isEmpty()) {
      step.out.add(new Outbound(from, new SyncResponse(room.roomId(), missing)));
    }
  }

  /**
   * A new epoch: draw a new sender key and give it to the epoch's other readers; a reader new since
   * {@code previousVersion} also gets our earlier keys when the room shows history.
   */
  void rotate(long previousVersion, Step.Builder step) {
    Membership current = room.membership();
    if (!current.reads(room.self) || keys.get(room.self, current.version()).isPresent()) {
      return;
    }
    EpochKey key = new EpochKey(current.version(), ownSeq + 1, SenderKey.generate(room.random));
    keys.put(room.self, key);
    room.journal.key(room.roomId(), room.self, key);
    Membership previous = room.log.at(previousVersion);
    for (Username reader : current.readers()) {
      if (reader.equals(room.self)) {
        continue;
      }
      boolean newcomer = !previous.reads(reader) || previousVersion == current.version();
      List<EpochKey> given = newcomer && current.historyVisible() ? keys.all(room.self) : List.of(key);
      step.out.add(new Outbound(reader, new SenderKeys(room.roomId(), room.self, given)));
    }
  }

  /** Envelopes of epochs the membership has now reached get their turn. */
  void retryFuture(Step.Builder step) {
    List<Envelope> ready = future.stream().filter(e -> e.epoch() <= room.log.version()).toList();
    future.removeAll(ready);
    ready.forEach(e -> accept(room.self, e, step));
  }

  /** Asks again, once per tick, for every key some held envelope waits for. */
  void requestMissingKeys(Step.Builder step) {
    keysAsked.clear();
    for (KeyId id : awaitingKey.keySet()) {
      if (!id.sender().equals(room.self) && keysAsked.add(id)) {
        step.out.add(new Outbound(id.sender(), new KeyRequest(room.roomId(), id.sender(), id.epoch())));
      }
    }
  }

  private void hold(List<Envelope> list, Envelope envelope) {
    if (future.size() + awaitingKey.values().stream().mapToInt(List::size).sum() >= MAX_WAITING) {
      room.counters.overflow++;
      return;
    }
    if (!list.contains(envelope)) {
      list.add(envelope);
    }
  }

  List<RoomText> texts() {
    return List.copyOf(texts.values());
  }

  RoomHistory history() {
    return history;
  }
}
