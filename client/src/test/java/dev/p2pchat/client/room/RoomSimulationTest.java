package dev.p2pchat.client.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.protocol.room.OrderKey;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A room of 20 on virtual time whose members sit behind a mix of NAT types (round robin: public, full
 * cone, port-restricted cone, symmetric; the admin is public). Each pair of members gets the path the
 * project's traversal stack really achieves between their two NAT types: {@link NatPairPath} runs two
 * {@code TraversalAgent}s on the simulated internet once per pair of types, with our relay
 * ({@code SimTurnServer}, from the server's test-jar) or without it as a server started with
 * {@code no_relay} would be, and records DIRECT, RELAYED or no path, and the round trip. The room link
 * of a pair then takes half that round trip one way (so a relayed pair pays both legs through the
 * relay), plus up to 130 ms of random queueing delay (which reorders), 10% loss and 5% duplication; a
 * pair with no path exchanges nothing. Agents rather than the traversal module's NAT-matrix table:
 * the client's tests can run them (traversal's sim is in its main jar, the relay in the server's
 * test-jar), and the outcome then follows the code, relay and late upgrade to direct included.
 *
 * <p>The admin invites 19 users who accept as the invitations reach them; everyone chats; one member
 * is offline for a while and catches up through sync; one member is removed and reads nothing after.
 * With the relay every pair has a path, and every replica ends with the same ordered history, without
 * duplicates. Without it, two symmetric NATs have no path: anti-entropy still hands every member every
 * envelope (they are signed, so any member may pass them on), but a sender key comes only from its
 * owner over their 1:1 session, so a member shows exactly the messages of the senders it has a path
 * to. The test pins that limit down as it is.
 */
class RoomSimulationTest {
  /** 20 by default; {@code -Drooms.members=50} measures a larger room (the docs report both). */
  private static final int MEMBERS = Integer.getInteger("rooms.members", 20);
  private static final List<NatType> ROUND_ROBIN =
      List.of(NatType.PUBLIC, NatType.FULL_CONE, NatType.PORT_RESTRICTED, NatType.SYMMETRIC);
  private static final double LOSS = 0.10;
  private static final double DUPLICATE = 0.05;
  private static final long QUEUEING_MS = 130;

  @ParameterizedTest(name = "seed {0}, relay {1}")
  @CsvSource({"1, true", "1, false"})
  void twentyMembersOverMixedNatsConverge(long seed, boolean relay) throws Exception {
    List<Username> users = new ArrayList<>();
    Map<Username, NatType> types = new HashMap<>();
    for (int i = 0; i < MEMBERS; i++) {
      users.add(Username.of("m" + i));
      types.put(users.getLast(), ROUND_ROBIN.get(i % ROUND_ROBIN.size()));
    }
    RoomNet.Links links = (from, to) -> link(NatPairPath.between(types.get(from), types.get(to), relay));
    RoomNet net = new RoomNet(seed, links);
    Random traffic = new Random(seed);
    Username admin = users.getFirst();
    Username sleeper = users.get(7);
    Username removed = users.get(13);
    joinAll(net, admin, users);

    Map<String, Long> sentAt = chat(net, traffic, users, sleeper);
    List<OrderKey> reference = order(net, admin);
    assertThat(reference).hasSize(sentAt.size());
    for (Username user : users) {
      assertThat(net.replicas.get(user).vector()).as("envelopes %s holds", user).isEqualTo(net.replicas.get(admin).vector());
      List<OrderKey> readable = readable(reference, user, links);
      assertThat(order(net, user)).as("history of %s", user).isEqualTo(readable);
      assertThat(net.shownCount.get(user)).as("messages %s showed", user).isEqualTo(readable.size());
    }
    if (relay) {
      assertThat(users).allSatisfy(user -> assertThat(order(net, user)).isEqualTo(reference));
    } else {
      assertThat(order(net, sleeper)).as("a symmetric member without relay").hasSizeLessThan(reference.size());
    }

    int afterRemoval = removeOneAndTalk(net, traffic, users, removed);
    List<OrderKey> after = order(net, admin);
    assertThat(after).hasSize(reference.size() + afterRemoval);
    for (Username user : users) {
      if (!user.equals(removed)) {
        assertThat(order(net, user)).as("history of %s", user).isEqualTo(readable(after, user, links));
      }
    }
    assertThat(net.replicas.get(removed).membership().member(removed)).isEmpty();

    report(relay, net, sentAt, users, types, links, sleeper);
  }

  private static Optional<RoomNet.Link> link(NatPairPath path) {
    if (path.reach() == NatPairPath.Reach.NONE) {
      return Optional.empty();
    }
    long oneWay = path.rtt().toMillis() / 2;
    return Optional.of(new RoomNet.Link(LOSS, DUPLICATE, oneWay, oneWay + QUEUEING_MS));
  }

  /** The admin invites everyone; the admin is public, so every invitation and accept has a path. */
  private static void joinAll(RoomNet net, Username admin, List<Username> users) throws Exception {
    net.create(admin, false);
    for (Username user : users.subList(1, users.size())) {
      net.handle(admin, net.replicas.get(admin).invite(user, net.key(user).publicKey()));
    }
    net.antiEntropy(0, 240_000, 1_000);
    net.runUntil(20_000);
    assertThat(net.replicas).hasSize(users.size());
    assertThat(net.replicas.values()).allSatisfy(r -> assertThat(r.membership().readers()).hasSize(users.size()));
  }

  /** 30 s of chat: 300 messages from random members; the sleeper is away from 25 s to 60 s. */
  private static Map<String, Long> chat(RoomNet net, Random traffic, List<Username> users, Username sleeper) {
    Map<String, Long> sentAt = new HashMap<>();
    for (int i = 0; i < 300; i++) {
      long at = 20_000 + traffic.nextInt(30_000);
      Username sender = users.get(traffic.nextInt(users.size()));
      int n = i;
      net.at(at, () -> {
        if (!net.offline.contains(sender)) {
          long seq = net.replicas.get(sender).vector().getOrDefault(sender, 0L) + 1;
          sentAt.put(sender + "#" + seq, net.now);
          net.send(sender, "message " + n + " from " + sender);
        }
      });
    }
    net.at(25_000, () -> net.offline.add(sleeper));
    net.at(60_000, () -> net.offline.remove(sleeper));
    net.runUntil(120_000);
    return sentAt;
  }

  /** The admin removes one member; the rest send 40 messages; the removed member reads none. Returns 40. */
  private static int removeOneAndTalk(RoomNet net, Random traffic, List<Username> users, Username removed)
      throws Exception {
    Username admin = users.getFirst();
    net.handle(admin, net.replicas.get(admin).remove(removed));
    net.runUntil(130_000);
    int before = net.replicas.get(removed).texts().size();
    int sent = 0;
    while (sent < 40) {
      Username sender = users.get(traffic.nextInt(users.size()));
      if (!sender.equals(removed)) {
        net.at(130_000 + traffic.nextInt(10_000), () -> net.send(sender, "after the removal"));
        sent++;
      }
    }
    net.runUntil(240_000);
    assertThat(net.replicas.get(removed).texts()).hasSize(before);
    return sent;
  }

  private static List<OrderKey> order(RoomNet net, Username user) {
    return net.replicas.get(user).texts().stream().map(RoomText::key).toList();
  }

  /** What {@code user} can show: its own messages and those of senders it has a path to (their keys). */
  private static List<OrderKey> readable(List<OrderKey> all, Username user, RoomNet.Links links) {
    return all.stream().filter(k -> k.sender().equals(user) || links.between(user, k.sender()).isPresent()).toList();
  }

  /**
   * Per pair of types, the path; over the member pairs, how many were direct, relayed or had none; and
   * the time from sending to the last member able to read it showing it (the sleeper left out).
   */
  private static void report(boolean relay, RoomNet net, Map<String, Long> sentAt, List<Username> users,
      Map<Username, NatType> types, RoomNet.Links links, Username sleeper) {
    Map<String, NatPairPath> byTypes = new TreeMap<>();
    Map<NatPairPath.Reach, Integer> pairs = new EnumMap<>(NatPairPath.Reach.class);
    for (int i = 0; i < users.size(); i++) {
      for (int j = i + 1; j < users.size(); j++) {
        NatType a = types.get(users.get(i));
        NatType b = types.get(users.get(j));
        NatPairPath path = NatPairPath.between(a, b, relay);
        byTypes.put(a.compareTo(b) <= 0 ? a + "-" + b : b + "-" + a, path);
        pairs.merge(path.reach(), 1, Integer::sum);
      }
    }
    byTypes.forEach((k, p) -> System.out.printf("  %s: %s, rtt %d ms%n", k, p.reach(), p.rtt().toMillis()));
    List<Long> toAll = spread(net, sentAt, users, links, sleeper);
    long caughtUp = sentAt.keySet().stream().map(net.shownAt::get).filter(shown -> shown.containsKey(sleeper))
        .mapToLong(shown -> shown.get(sleeper)).max().orElseThrow();
    System.out.printf("room of %d over mixed NATs, relay %s: member pairs %s; %d%% loss %d%% dup; %d messages,"
            + " to every member able to read them median %d ms, p95 %d ms, max %d ms; offline member back at"
            + " 60000 ms, caught up at %d ms; %d room messages sent (%d lost, %d with no path)%n",
        users.size(), relay ? "on" : "off", pairs, (int) (LOSS * 100), (int) (DUPLICATE * 100), toAll.size(),
        toAll.get(toAll.size() / 2), toAll.get(toAll.size() * 95 / 100), toAll.getLast(), caughtUp,
        net.datagrams, net.lost, net.unreachable);
  }

  private static List<Long> spread(RoomNet net, Map<String, Long> sentAt, List<Username> users,
      RoomNet.Links links, Username sleeper) {
    List<Long> toAll = new ArrayList<>();
    for (Map.Entry<String, Long> sent : sentAt.entrySet()) {
      Username sender = Username.of(sent.getKey().substring(0, sent.getKey().indexOf('#')));
      Map<Username, Long> shown = net.shownAt.get(sent.getKey());
      long last = users.stream()
          .filter(u -> !u.equals(sleeper) && (u.equals(sender) || links.between(u, sender).isPresent()))
          .mapToLong(shown::get).max().orElseThrow();
      toAll.add(last - sent.getValue());
    }
    toAll.sort(null);
    return toAll;
  }
}
