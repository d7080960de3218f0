package dev.p2pchat.client.room;

import dev.p2pchat.protocol.identity.SigningKeyPair;
import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.protocol.room.MembershipException;
import dev.p2pchat.protocol.room.RoomCodec;
import dev.p2pchat.protocol.room.RoomMessage;
import dev.p2pchat.protocol.room.RoomWireException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Room members joined by pairwise links that lose, duplicate and reorder (independent random delays),
 * on virtual time from one seeded event queue. Every message goes through the room codec, as it
 * would inside a 1:1 session. An invitee accepts as soon as an invitation reaches it. A pair of
 * members may have no link at all: what one sends the other is dropped and counted.
 */
final class RoomNet {
  record Link(double loss, double duplicate, long minDelayMs, long maxDelayMs) {
    static final Link PERFECT = new Link(0, 0, 5, 5);
  }

  /** The link from one member to another; empty when there is no path between them. */
  interface Links {
    Optional<Link> between(Username from, Username to);
  }

  private record Event(long at, long order, Runnable action) {}

  private final PriorityQueue<Event> queue = new PriorityQueue<>(
      (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.order, b.order));
  private final Random random;
  private final Links links;
  private final Map<Username, SigningKeyPair> keys = new HashMap<>();
  final Map<Username, RoomReplica> replicas = new HashMap<>();
  final Set<Username> offline = new HashSet<>();
  /** Virtual time each member first showed each message (sender + seq). */
  final Map<String, Map<Username, Long>> shownAt = new HashMap<>();
  final Map<Username, Integer> shownCount = new HashMap<>();
  long now;
  long order;
  long datagrams;
  long lost;
  /** Datagrams between members with no path to each other. */
  long unreachable;

  RoomNet(long seed, Link link) {
    this(seed, (from, to) -> Optional.of(link));
  }

  RoomNet(long seed, Links links) {
    this.random = new Random(seed);
    this.links = links;
  }

  SigningKeyPair key(Username user) {
    return keys.computeIfAbsent(user, u -> SigningKeyPair.fromSeed(seed(u)));
  }

  RoomReplica create(Username admin, boolean historyVisible) {
    return create(admin, historyVisible, RoomJournal.NONE);
  }

  RoomReplica create(Username admin, boolean historyVisible, RoomJournal journal) {
    RoomReplica replica = RoomReplica.create(admin, key(admin), "room", historyVisible,
        new SplittableRandom(random.nextLong()), journal);
    replicas.put(admin, replica);
    return replica;
  }

  void at(long time, Runnable action) {
    queue.add(new Event(time, order++, action));
  }

  /** Runs events up to {@code until} (virtual milliseconds). */
  void runUntil(long until) {
    while (!queue.isEmpty() && queue.peek().at <= until) {
      Event event = queue.poll();
      now = event.at;
      event.action.run();
    }
    now = until;
  }

  /** Sends what a step produced and records what it showed. */
  void handle(Username member, Step step) {
    for (RoomEvent event : step.events()) {
      if (event instanceof RoomEvent.Shown shown) {
        String id = shown.text().sender() + "#" + shown.text().key().seq();
        shownAt.computeIfAbsent(id, k -> new HashMap<>()).putIfAbsent(member, now);
        shownCount.merge(member, 1, Integer::sum);
      }
    }
    for (Outbound out : step.out()) {
      transmit(member, out.to(), RoomCodec.encode(out.message()));
    }
  }

  void send(Username member, String text) {
    RoomReplica replica = replicas.get(member);
    if (replica != null && replica.membership().reads(member)) {
      handle(member, replica.send(text.getBytes(StandardCharsets.UTF_8)));
    }
  }

  private void transmit(Username from, Username to, byte[] bytes) {
    Optional<Link> path = links.between(from, to);
    if (path.isEmpty()) {
      unreachable++;
      return;
    }
    Link link = path.get();
    int copies = random.nextDouble() < link.duplicate ? 2 : 1;
    for (int i = 0; i < copies; i++) {
      datagrams++;
      if (random.nextDouble() < link.loss) {
        lost++;
        continue;
      }
      long delay = link.minDelayMs + (long) (random.nextDouble() * (link.maxDelayMs - link.minDelayMs));
      at(now + delay, () -> deliver(from, to, bytes));
    }
  }

  private void deliver(Username from, Username to, byte[] bytes) {
    if (offline.contains(from) || offline.contains(to)) {
      lost++;
      return;
    }
    RoomMessage message;
    try {
      message = RoomCodec.decode(bytes);
    } catch (RoomWireException e) {
      throw new AssertionError("our own encoding must decode", e);
    }
    RoomReplica replica = replicas.get(to);
    if (replica == null) {
      join(to, message);
      return;
    }
    handle(to, replica.receive(from, message));
  }

  /** An invitation reaches a user with no replica yet: it verifies the chain and accepts. */
  private void join(Username to, RoomMessage message) {
    if (!(message instanceof RoomMessage.MembershipUpdate update) || update.changes().size() < 2) {
      return;
    }
    try {
      RoomReplica replica = RoomReplica.fromInvitation(to, key(to), update.changes(),
          new SplittableRandom(random.nextLong()), RoomJournal.NONE);
      replicas.put(to, replica);
      handle(to, replica.accept());
    } catch (MembershipException e) {
      // An invitation for someone else, or a stale one: ignored, as the client would.
    }
  }

  /** Every {@code periodMs}, each online member syncs with a random other reader and ticks. */
  void antiEntropy(long from, long until, long periodMs) {
    for (long t = from; t <= until; t += periodMs) {
      at(t + random.nextInt((int) periodMs), this::antiEntropyRound);
    }
  }

  private void antiEntropyRound() {
    for (RoomReplica replica : List.copyOf(replicas.values())) {
      Username self = replica.self();
      if (offline.contains(self)) {
        continue;
      }
      List<Username> peers = new ArrayList<>(replica.membership().readers());
      peers.remove(self);
      if (!peers.isEmpty()) {
        handle(self, replica.syncWith(peers.get(random.nextInt(peers.size()))));
      }
      handle(self, replica.tick());
    }
  }

  private static byte[] seed(Username user) {
    byte[] seed = new byte[32];
    byte[] name = user.value().getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(name, 0, seed, 0, Math.min(32, name.length));
    return seed;
  }
}
