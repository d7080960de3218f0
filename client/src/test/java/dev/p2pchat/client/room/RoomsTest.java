package dev.p2pchat.client.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.client.store.SqliteChatStore;
import dev.p2pchat.protocol.identity.SigningKeyPair;
import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.protocol.room.MembershipChange;
import dev.p2pchat.protocol.room.MembershipOp;
import dev.p2pchat.protocol.room.RoomCodec;
import dev.p2pchat.protocol.room.RoomId;
import dev.p2pchat.protocol.room.RoomMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several users' {@link Rooms} joined by an in-memory transport that delivers in order. */
class RoomsTest {
  private static final Username ALICE = Username.of("alice");
  private static final Username BOB = Username.of("bob");
  private static final Username CAROL = Username.of("carol");

  @TempDir Path dir;

  private record Datagram(Username from, Username to, byte[] payload) {}

  private final Queue<Datagram> wire = new ArrayDeque<>();
  private final Map<Username, Rooms> rooms = new HashMap<>();
  private final Map<Username, List<Invitation>> invited = new HashMap<>();
  private final Map<Username, SigningKeyPair> keys = new HashMap<>();

  @Test
  void inviteJoinChatRestartAndLeave() throws Exception {
    Path bobDb = dir.resolve("bob.db");
    SqliteChatStore.open(bobDb).close();
    SqliteRoomStore bobStore = SqliteRoomStore.open(bobDb);
    open(ALICE, new InMemoryRoomStore());
    open(BOB, bobStore);
    open(CAROL, new InMemoryRoomStore());
    RoomId team = rooms.get(ALICE).create("team", false);
    rooms.get(ALICE).invite(team, BOB, key(BOB).publicKey());
    rooms.get(ALICE).invite(team, CAROL, key(CAROL).publicKey());
    flush();
    assertThat(invited.get(BOB)).singleElement().satisfies(i -> {
      assertThat(i.name()).isEqualTo("team");
      assertThat(i.inviter()).isEqualTo(ALICE);
    });
    rooms.get(BOB).join(team);
    rooms.get(CAROL).join(team);
    flush();
    assertThat(rooms.get(ALICE).membership(team).orElseThrow().readers()).containsExactly(ALICE, BOB, CAROL);

    say(ALICE, team, "hello");
    say(BOB, team, "hi");
    say(CAROL, team, "hey");
    flush();
    List<String> order = texts(ALICE, team);
    assertThat(order).hasSize(3);
    assertThat(texts(BOB, team)).isEqualTo(order);
    assertThat(texts(CAROL, team)).isEqualTo(order);

    // Bob restarts: his rooms come back from chat.db, with history, and he carries on.
    bobStore.close();
    bobStore = SqliteRoomStore.open(bobDb);
    open(BOB, bobStore);
    assertThat(texts(BOB, team)).isEqualTo(order);
    say(BOB, team, "back");
    flush();
    assertThat(texts(CAROL, team)).hasSize(4).endsWith("back");

    rooms.get(CAROL).leave(team);
    flush();
    assertThat(rooms.get(BOB).membership(team).orElseThrow().readers()).containsExactly(ALICE, BOB);
    bobStore.close();
  }

  @Test
  void aForgedInvitationIsNeverShown() throws Exception {
    open(ALICE, new InMemoryRoomStore());
    open(BOB, new InMemoryRoomStore());
    RoomId room = rooms.get(ALICE).create("real", false);
    // The server builds its own "room" claiming alice created it and invited bob.
    SigningKeyPair server = SigningKeyPair.fromSeed(new byte[32]);
    MembershipChange genesis = MembershipChange.sign(new byte[32], 1, ALICE,
        new MembershipOp.Create("real", false, new byte[16], key(ALICE).publicKey()), server);
    RoomMessage forged = new RoomMessage.MembershipUpdate(room, List.of(genesis));
    rooms.get(BOB).onPayload(ALICE, RoomCodec.encode(forged));
    rooms.get(BOB).onPayload(ALICE, new byte[] {(byte) 0xA1, 1, 2, 3});
    assertThat(invited.getOrDefault(BOB, List.of())).isEmpty();
    assertThat(rooms.get(BOB).malformed()).isEqualTo(2);
  }

  @Test
  void tickSyncsWithAnOnlineMember() throws Exception {
    open(ALICE, new InMemoryRoomStore());
    open(BOB, new InMemoryRoomStore());
    RoomId room = rooms.get(ALICE).create("r", false);
    rooms.get(ALICE).invite(room, BOB, key(BOB).publicKey());
    flush();
    rooms.get(BOB).join(room);
    flush();
    say(ALICE, room, "lost on the way");
    wire.clear();
    rooms.get(BOB).tick(Set.of(ALICE));
    flush();
    assertThat(texts(BOB, room)).containsExactly("lost on the way");
  }

  private void open(Username user, RoomStore store) {
    rooms.put(user, Rooms.open(user, key(user), store, (to, payload) -> wire.add(new Datagram(user, to, payload)),
        new RoomListener() {
          @Override
          public void onEvent(RoomId room, RoomEvent event) {}

          @Override
          public void onInvitation(Invitation invitation) {
            invited.computeIfAbsent(user, u -> new ArrayList<>()).add(invitation);
          }
        }, new SplittableRandom(user.value().hashCode())));
  }

  private void flush() {
    for (int i = 0; i < 100_000 && !wire.isEmpty(); i++) {
      Datagram d = wire.poll();
      rooms.get(d.to()).onPayload(d.from(), d.payload());
    }
    assertThat(wire).isEmpty();
  }

  private void say(Username user, RoomId room, String text) {
    rooms.get(user).send(room, text.getBytes(StandardCharsets.UTF_8));
  }

  private List<String> texts(Username user, RoomId room) {
    return rooms.get(user).history(room).stream().map(RoomText::text).toList();
  }

  private SigningKeyPair key(Username user) {
    return keys.computeIfAbsent(user, u -> {
      byte[] seed = new byte[32];
      byte[] name = u.value().getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(name, 0, seed, 0, name.length);
      return SigningKeyPair.fromSeed(seed);
    });
  }
}
