package dev.p2pchat.client.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.protocol.room.OrderKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A room of 20 over lossy, duplicating, reordering pairwise links, on virtual time: the admin invites
 * 19 users who accept as the invitations reach them; everyone chats; one member is offline for a
 * while and catches up through sync; one member is removed and reads nothing after. Every replica
 * ends with the same ordered history, without duplicates.
 */
class RoomSimulationTest {
  /** 20 by default; {@code -Drooms.members=50} measures a larger room (the docs report both). */
  private static final int MEMBERS = Integer.getInteger("rooms.members", 20);
  private static final RoomNet.Link LOSSY = new RoomNet.Link(0.10, 0.05, 20, 150);

  @ParameterizedTest
  @ValueSource(longs = {1})
  void twentyMembersConvergeOnOneHistory(long seed) throws Exception {
    RoomNet net = new RoomNet(seed, LOSSY);
    Random traffic = new Random(seed);
    List<Username> users = new ArrayList<>();
    for (int i = 0; i < MEMBERS; i++) {
      users.add(Username.of("m" + i));
    }
    Username admin = users.getFirst();
    Username sleeper = users.get(7);
    Username removed = users.get(13);
    net.create(admin, false);
    for (Username user : users.subList(1, MEMBERS)) {
      net.handle(admin, net.replicas.get(admin).invite(user, net.key(user).publicKey()));
    }
    net.antiEntropy(0, 240_000, 1_000);
    net.runUntil(20_000);
    assertThat(net.replicas).hasSize(MEMBERS);
    assertThat(net.replicas.values()).allSatisfy(r -> assertThat(r.membership().readers()).hasSize(MEMBERS));

    // 30 s of chat: 300 messages from random members; the sleeper is away from 25 s to 60 s.
    Map<String, Long> sentAt = new HashMap<>();
    for (int i = 0; i < 300; i++) {
      long at = 20_000 + traffic.nextInt(30_000);
      Username sender = users.get(traffic.nextInt(MEMBERS));
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

    List<OrderKey> reference = order(net, admin);
    assertThat(reference).hasSize(sentAt.size());
    for (Username user : users) {
      assertThat(order(net, user)).as("history of %s", user).isEqualTo(reference);
      assertThat(net.shownCount.get(user)).as("messages %s showed", user).isEqualTo(reference.size());
    }

    // The admin removes one member; the rest keep talking; the removed member reads none of it.
    net.handle(admin, net.replicas.get(admin).remove(removed));
    net.runUntil(130_000);
    int before = net.replicas.get(removed).texts().size();
    for (int i = 0; i < 40; i++) {
      Username sender = users.get(traffic.nextInt(MEMBERS));
      net.at(130_000 + traffic.nextInt(10_000), () -> net.send(sender, "after the removal"));
    }
    net.runUntil(240_000);
    List<OrderKey> after = order(net, admin);
    assertThat(after.size()).isGreaterThan(reference.size());
    for (Username user : users) {
      if (!user.equals(removed)) {
        assertThat(order(net, user)).as("history of %s", user).isEqualTo(after);
      }
    }
    assertThat(net.replicas.get(removed).texts()).hasSize(before);
    assertThat(net.replicas.get(removed).membership().member(removed)).isEmpty();

    report(seed, net, sentAt, users, sleeper);
  }

  private static List<OrderKey> order(RoomNet net, Username user) {
    return net.replicas.get(user).texts().stream().map(RoomText::key).toList();
  }

  /** Virtual time from sending to the last member showing it, for messages sent while all were online. */
  private static void report(long seed, RoomNet net, Map<String, Long> sentAt, List<Username> users,
      Username sleeper) {
    List<Long> allOnline = new ArrayList<>();
    long sleeperCatchUp = 0;
    for (Map.Entry<String, Long> sent : sentAt.entrySet()) {
      Map<Username, Long> shown = net.shownAt.get(sent.getKey());
      long last = users.stream().filter(u -> !u.equals(sleeper)).mapToLong(shown::get).max().orElseThrow();
      allOnline.add(last - sent.getValue());
      sleeperCatchUp = Math.max(sleeperCatchUp, shown.get(sleeper));
    }
    allOnline.sort(null);
    System.out.printf("room of %d, seed %d, 10%% loss 5%% dup 20-150 ms: %d messages, to all members"
            + " median %d ms, p95 %d ms, max %d ms; offline member back at 60000 ms, caught up at %d ms;"
            + " %d room messages sent (%d lost)%n",
        users.size(), seed, allOnline.size(), allOnline.get(allOnline.size() / 2),
        allOnline.get(allOnline.size() * 95 / 100), allOnline.getLast(), sleeperCatchUp, net.datagrams, net.lost);
  }
}
