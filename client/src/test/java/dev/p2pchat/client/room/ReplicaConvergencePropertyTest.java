package dev.p2pchat.client.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.protocol.room.OrderKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Whole replicas (membership, keys, envelopes, sync) converge on one ordered history without
 * duplicates for any loss, duplication and delay spread within these bounds, and any seed.
 */
class ReplicaConvergencePropertyTest {

  @Property(tries = 25, seed = "20261124")
  void everyReplicaEndsWithTheSameOrderedHistory(
      @ForAll @IntRange(min = 2, max = 5) int members,
      @ForAll @IntRange(min = 1, max = 20) int messages,
      @ForAll @DoubleRange(min = 0, max = 0.3) double loss,
      @ForAll @DoubleRange(min = 0, max = 0.3) double duplicate,
      @ForAll @IntRange(min = 0, max = 500) int spreadMs,
      @ForAll long seed) throws Exception {
    RoomNet net = new RoomNet(seed, new RoomNet.Link(loss, duplicate, 10, 10 + spreadMs));
    Random random = new Random(seed);
    List<Username> users = new ArrayList<>();
    for (int i = 0; i < members; i++) {
      users.add(Username.of("p" + i));
    }
    net.create(users.getFirst(), random.nextBoolean());
    for (Username user : users.subList(1, members)) {
      net.handle(users.getFirst(), net.replicas.get(users.getFirst()).invite(user, net.key(user).publicKey()));
    }
    net.antiEntropy(0, 120_000, 1_000);
    net.runUntil(30_000);
    int sent = 0;
    for (int i = 0; i < messages; i++) {
      Username sender = users.get(random.nextInt(members));
      long at = 30_000 + random.nextInt(5_000);
      net.at(at, () -> net.send(sender, "x"));
    }
    net.runUntil(120_000);
    List<OrderKey> reference = order(net, users.getFirst());
    for (Username user : users) {
      assertThat(net.replicas.get(user).membership().readers()).hasSize(members);
      assertThat(order(net, user)).isEqualTo(reference);
      assertThat(net.shownCount.getOrDefault(user, 0)).isEqualTo(reference.size());
      sent += net.replicas.get(user).vector().getOrDefault(user, 0L).intValue();
    }
    assertThat(reference).hasSize(sent).hasSize(messages);
  }

  private static List<OrderKey> order(RoomNet net, Username user) {
    return net.replicas.get(user).texts().stream().map(RoomText::key).toList();
  }
}
