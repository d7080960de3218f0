package dev.p2pchat.client.room;

import dev.p2pchat.protocol.identity.SigningKeyPair;
import dev.p2pchat.protocol.identity.SigningPublicKey;
import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.protocol.room.Membership;
import dev.p2pchat.protocol.room.MembershipChange;
import dev.p2pchat.protocol.room.MembershipException;
import dev.p2pchat.protocol.room.MembershipLog;
import dev.p2pchat.protocol.room.MembershipOp;
import dev.p2pchat.protocol.room.RoomCodec;
import dev.p2pchat.protocol.room.RoomId;
import dev.p2pchat.protocol.room.RoomMessage;
import dev.p2pchat.protocol.room.RoomWireException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * All rooms of one user: one {@link RoomReplica} per room, restored from the store at start, and
 * the routing between replicas and the 1:1 transport. Invitations are verified before they are
 * shown. Methods are synchronized; the chat engine calls them from its own thread anyway.
 */
public final class Rooms {
  private final Username self;
  private final SigningKeyPair identity;
  private final RoomStore store;
  private final RoomTransport transport;
  private final RoomListener listener;
  private final RandomGenerator random;
  private final Map<RoomId, RoomReplica> replicas = new LinkedHashMap<>();
  private final Map<RoomId, Invitation> invitations = new LinkedHashMap<>();
  private long malformed;

  private Rooms(Username self, SigningKeyPair identity, RoomStore store, RoomTransport transport,
      RoomListener listener, RandomGenerator random) {
    this.self = self;
    this.identity = identity;
    this.store = store;
    this.transport = transport;
    this.listener = listener;
    this.random = random;
  }

  /** Opens the rooms the store holds. {@code random} must be a SecureRandom outside tests. */
  public static Rooms open(Username self, SigningKeyPair identity, RoomStore store, RoomTransport transport,
      RoomListener listener, RandomGenerator random) {
    Rooms rooms = new Rooms(self, identity, store, transport, listener, random);
    for (RoomStore.RoomSummary summary : store.rooms()) {
      store.load(summary.id()).ifPresent(stored -> rooms.restore(summary.id(), stored));
    }
    return rooms;
  }

  private void restore(RoomId id, StoredRoom stored) {
    try {
      replicas.put(id, RoomReplica.restore(self, identity, stored, random, store));
    } catch (MembershipException e) {
      // Our own file no longer verifies: keep it on disk, leave the room out, say so.
      listener.onEvent(id, new RoomEvent.ChangeRefused(e.rejection()));
    }
  }

  public synchronized RoomId create(String name, boolean historyVisible) {
    RoomReplica replica = RoomReplica.create(self, identity, name, historyVisible, random, store);
    replicas.put(replica.roomId(), replica);
    return replica.roomId();
  }

  /** Invites {@code user} with the key the caller pinned for them (TOFU or verified). */
  public synchronized void invite(RoomId room, Username user, SigningPublicKey key) throws MembershipException {
    run(room, replica(room).invite(user, key));
  }

  public synchronized void remove(RoomId room, Username user) throws MembershipException {
    run(room, replica(room).remove(user));
  }

  public synchronized void promote(RoomId room, Username user) throws MembershipException {
    run(room, replica(room).promote(user));
  }

  /** Accepts an invitation that arrived earlier. */
  public synchronized void join(RoomId room) throws MembershipException {
    Invitation invitation = invitations.get(room);
    if (invitation == null) {
      throw new NoSuchElementException("no invitation to room " + room);
    }
    RoomReplica replica = RoomReplica.fromInvitation(self, identity, invitation.chain(), random, store);
    replicas.put(room, replica);
    invitations.remove(room);
    run(room, replica.accept());
  }

  public synchronized void leave(RoomId room) throws MembershipException {
    run(room, replica(room).leave());
  }

  public synchronized void send(RoomId room, byte[] plaintext) {
    run(room, replica(room).send(plaintext));
  }

  /**
   * Periodic anti-entropy (every few seconds): each room syncs with one random other reader among
   * {@code online}, and resends what may have been lost.
   */
  public synchronized void tick(java.util.Set<Username> online) {
    for (Map.Entry<RoomId, RoomReplica> entry : replicas.entrySet()) {
      RoomReplica replica = entry.getValue();
      List<Username> peers = new ArrayList<>(replica.membership().readers());
      peers.remove(self);
      peers.retainAll(online);
      if (!peers.isEmpty()) {
        run(entry.getKey(), replica.syncWith(peers.get(random.nextInt(peers.size()))));
      }
      run(entry.getKey(), replica.tick());
    }
  }

  /** A room payload from the 1:1 session with {@code from}; malformed input is counted and dropped. */
  public synchronized void onPayload(Username from, byte[] payload) {
    RoomMessage message;
    try {
      message = RoomCodec.decode(payload);
    } catch (RoomWireException e) {
      malformed++;
      return;
    }
    RoomReplica replica = replicas.get(message.room());
    if (replica != null) {
      run(message.room(), replica.receive(from, message));
    } else if (message instanceof RoomMessage.MembershipUpdate update) {
      consider(from, update);
    } else {
      malformed++;
    }
  }

  /** A chain for a room we are not in: an invitation if it verifies and names us, with our key, as invited. */
  private void consider(Username from, RoomMessage.MembershipUpdate update) {
    try {
      MembershipLog log = MembershipLog.verify(update.changes());
      Membership current = log.current();
      boolean forUs = current.member(self)
          .filter(m -> m.key().equals(identity.publicKey()) && !m.role().reads()).isPresent();
      if (!forUs || !log.roomId().equals(update.room()) || invitations.containsKey(update.room())) {
        return;
      }
      Username inviter = inviterOf(log.changes());
      Invitation invitation = new Invitation(update.room(), current.name(), inviter, log.changes());
      invitations.put(update.room(), invitation);
      listener.onInvitation(invitation);
    } catch (MembershipException e) {
      malformed++; // a forged or partial chain: nobody is told about it
    }
  }

  private Username inviterOf(List<MembershipChange> chain) {
    for (MembershipChange change : chain.reversed()) {
      if (change.op() instanceof MembershipOp.Invite invite && invite.user().equals(self)) {
        return change.actor();
      }
    }
    throw new IllegalStateException("a verified chain that names us as invited has our invitation");
  }

  private void run(RoomId room, Step step) {
    for (Outbound out : step.out()) {
      transport.send(out.to(), RoomCodec.encode(out.message()));
    }
    step.events().forEach(event -> listener.onEvent(room, event));
  }

  private RoomReplica replica(RoomId room) {
    RoomReplica replica = replicas.get(room);
    if (replica == null) {
      throw new NoSuchElementException("not in room " + room);
    }
    return replica;
  }

  public synchronized List<RoomStore.RoomSummary> list() {
    return replicas.values().stream()
        .map(r -> new RoomStore.RoomSummary(r.roomId(), r.membership().name())).toList();
  }

  /** The rooms called {@code name} (names are not unique; ids are). */
  public synchronized List<RoomId> named(String name) {
    return replicas.values().stream().filter(r -> r.membership().name().equals(name))
        .map(RoomReplica::roomId).toList();
  }

  public synchronized Optional<Membership> membership(RoomId room) {
    return Optional.ofNullable(replicas.get(room)).map(RoomReplica::membership);
  }

  public synchronized List<RoomText> history(RoomId room) {
    return replica(room).texts();
  }

  public synchronized List<Invitation> invitations() {
    return List.copyOf(invitations.values());
  }

  /** Room payloads that did not decode or belonged to no room of ours. */
  public synchronized long malformed() {
    return malformed;
  }
}
