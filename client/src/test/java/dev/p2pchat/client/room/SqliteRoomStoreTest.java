package dev.p2pchat.client.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.client.store.SqliteChatStore;
import dev.p2pchat.protocol.identity.Username;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteRoomStoreTest {
  private static final Username ALICE = Username.of("alice");
  private static final Username BOB = Username.of("bob");

  @TempDir Path dir;

  @Test
  void aReplicaRestoredFromTheStoreHasItsHistoryAndKeepsCounting() throws Exception {
    Path file = dir.resolve("chat.db");
    SqliteChatStore.open(file).close();
    RoomNet net = new RoomNet(5, RoomNet.Link.PERFECT);
    RoomReplica alice;
    try (SqliteRoomStore store = SqliteRoomStore.open(file)) {
      alice = net.create(ALICE, false, store);
      net.handle(ALICE, alice.invite(BOB, net.key(BOB).publicKey()));
      net.runUntil(1_000);
      net.send(ALICE, "one");
      net.send(BOB, "two");
      net.runUntil(2_000);
      assertThat(store.rooms()).containsExactly(new RoomStore.RoomSummary(alice.roomId(), "room"));
    }
    try (SqliteRoomStore store = SqliteRoomStore.open(file)) {
      StoredRoom stored = store.load(alice.roomId()).orElseThrow();
      RoomReplica restored = RoomReplica.restore(ALICE, net.key(ALICE), stored, new SplittableRandom(1), store);
      assertThat(restored.texts()).isEqualTo(alice.texts());
      assertThat(restored.membership().head()).isEqualTo(alice.membership().head());
      assertThat(restored.vector()).isEqualTo(alice.vector());
      net.replicas.put(ALICE, restored);
      net.send(ALICE, "three");
      net.runUntil(3_000);
      List<String> bob = net.replicas.get(BOB).texts().stream().map(RoomText::text).toList();
      assertThat(bob).containsExactly("one", "two", "three");
      assertThat(net.replicas.get(BOB).counters().duplicates()).isZero();
      assertThat(store.load(alice.roomId()).orElseThrow().envelopes()).hasSize(3);
      store.delete(alice.roomId());
      assertThat(store.rooms()).isEmpty();
      assertThat(store.load(alice.roomId())).isEmpty();
    }
  }
}
