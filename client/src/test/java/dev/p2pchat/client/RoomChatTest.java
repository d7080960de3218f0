package dev.p2pchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p2pchat.client.chat.ChatMessageCodec;
import dev.p2pchat.client.event.ChatEvent;
import dev.p2pchat.client.identity.Identity;
import dev.p2pchat.client.link.LoopbackLinks;
import dev.p2pchat.client.room.InMemoryRoomStore;
import dev.p2pchat.client.room.RoomStore;
import dev.p2pchat.client.signalling.Backoff;
import dev.p2pchat.client.signalling.SignallingOptions;
import dev.p2pchat.client.store.ChatStore;
import dev.p2pchat.client.store.InMemoryChatStore;
import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.protocol.room.RoomId;
import dev.p2pchat.server.RendezvousServer;
import dev.p2pchat.server.ServerConfig;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three chat clients in one room, through the real rendezvous server on loopback and in-memory links:
 * room payloads ride the 1:1 links, set up on demand.
 */
class RoomChatTest {
  static final Username ALICE = Username.of("alice");
  static final Username BOB = Username.of("bob");
  static final Username CAROL = Username.of("carol");
  static final Duration SYNC = Duration.ofSeconds(20);
  static final ChatMessageCodec TEXTS = new ChatMessageCodec(new ObjectMapper());

  @TempDir Path dir;
  RendezvousServer server;
  final LoopbackLinks.Switchboard board = new LoopbackLinks.Switchboard();
  final List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void startServer() throws Exception {
    server = RendezvousServer.builder(ServerConfig.defaults().toBuilder()
        .bind("127.0.0.1").httpPort(0).stunPort(0).dataDir(dir.resolve("server")).presenceGrace(Duration.ofMillis(100)).build())
        .start();
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
    server.close();
    board.close();
  }

  /** Invitees accept the inviter's connection without asking (acceptAll); members need not. */
  ChatClient started(Identity identity, ChatStore store, RoomStore rooms, RecordingSink sink) {
    ChatOptions options = ChatOptions.defaults(server.httpUri())
        .withAcceptAll(!identity.user().equals(ALICE))
        .withSignalling(SignallingOptions.defaults().withBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(500))))
        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(100));
    ChatClient client = new ChatClient(identity, store, new LoopbackLinks(board, identity), sink, options, rooms);
    open.add(client);
    client.start(Optional.empty()).orTimeout(10, TimeUnit.SECONDS).join();
    return client;
  }

  static List<String> lines(ChatClient client, RoomId room) {
    return client.roomHistory(room).stream().map(t -> t.sender() + ": " + TEXTS.decode(t.plaintext())).toList();
  }

  static void awaitSame(RoomId room, int count, ChatClient... clients) {
    await().atMost(SYNC).failFast(() -> false).conditionEvaluationListener(cond -> {
      if (cond.getRemainingTimeInMS() < 600) {
        for (ChatClient c : clients) {
          System.err.println("HIST " + c.status().user() + " " + lines(c, room));
        }
      }
    }).until(() -> {
      List<String> first = lines(clients[0], room);
      for (ChatClient c : clients) {
        if (lines(c, room).size() != count || !lines(c, room).equals(first)) {
          return false;
        }
      }
      return true;
    });
  }

  @Test
  void threeMembersAgreeOnOrderCatchUpAfterBeingOfflineAndARemovedMemberReadsNothingNew() {
    Identity alice = Identity.generate(ALICE, new SecureRandom());
    Identity bob = Identity.generate(BOB, new SecureRandom());
    Identity carol = Identity.generate(CAROL, new SecureRandom());
    RecordingSink aliceEvents = new RecordingSink();
    RecordingSink bobEvents = new RecordingSink();
    RecordingSink carolEvents = new RecordingSink();
    ChatStore carolStore = new InMemoryChatStore();
    RoomStore carolRooms = new InMemoryRoomStore();
    ChatClient a = started(alice, new InMemoryChatStore(), new InMemoryRoomStore(), aliceEvents);
    ChatClient b = started(bob, new InMemoryChatStore(), new InMemoryRoomStore(), bobEvents);
    ChatClient c = started(carol, carolStore, carolRooms, carolEvents);

    a.room(new RoomCommand.Create("team"));
    String hex = aliceEvents.await(ChatEvent.RoomCreated.class).room();
    RoomId room = RoomId.fromHex(hex);
    a.room(new RoomCommand.Invite(BOB));
    a.room(new RoomCommand.Invite(CAROL));
    assertThat(bobEvents.await(ChatEvent.RoomInvited.class).inviter()).isEqualTo(ALICE);
    assertThat(carolEvents.await(ChatEvent.RoomInvited.class).name()).isEqualTo("team");
    b.room(new RoomCommand.Join(hex));
    c.room(new RoomCommand.Join("team"));
    for (RecordingSink sink : List.of(aliceEvents, bobEvents, carolEvents)) {
      for (Username member : List.of(ALICE, BOB, CAROL)) {
        await(member + " added").atMost(SYNC).until(() -> sink.all(ChatEvent.RoomMemberAdded.class)
            .stream().anyMatch(e -> e.room().equals(hex) && e.member().equals(member)));
      }
    }

    for (int round = 1; round <= 3; round++) {
      a.send("a" + round);
      b.send("b" + round);
      c.send("c" + round);
    }
    awaitSame(room, 9, a, b, c);
    await("alice's status line shows the room and both links").atMost(SYNC).until(() -> a.status().room()
        .equals(Optional.of(new ChatStatus.RoomView("team", 3, 2))));
    assertThat(new HashSet<>(lines(a, room))).hasSize(9);
    assertThat(aliceEvents.all(ChatEvent.RoomMessage.class)).hasSize(9); // each shown once, none twice
    assertThat(aliceEvents.all(ChatEvent.MessageReceived.class)).isEmpty(); // nothing leaked into 1:1 chats

    c.close();
    a.send("while carol is away 1");
    b.send("while carol is away 2");
    awaitSame(room, 11, a, b);
    RecordingSink carolAgain = new RecordingSink();
    ChatClient c2 = started(carol, carolStore, carolRooms, carolAgain);
    c2.room(new RoomCommand.Switch(hex));
    awaitSame(room, 11, a, b, c2);
    assertThat(lines(c2, room)).contains("alice: while carol is away 1", "bob: while carol is away 2");

    a.room(new RoomCommand.Remove(CAROL));
    carolAgain.await(ChatEvent.RoomMemberRemoved.class, e -> e.member().equals(CAROL));
    bobEvents.await(ChatEvent.RoomMemberRemoved.class, e -> e.member().equals(CAROL));
    b.send("after carol left");
    awaitSame(room, 12, a, b);
    // Several anti-entropy rounds pass; carol must still not have it (she has no key for it).
    await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8))
        .until(() -> lines(c2, room).size() == 11 && carolAgain.all(ChatEvent.RoomMessage.class).stream()
            .noneMatch(m -> m.text().contains("after carol")));
    assertThat(lines(c2, room)).isEqualTo(lines(a, room).subList(0, 11));
    c2.send("can carol still post?");
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> lines(a, room).size() == 12);
  }

  @Test
  void roomCommandsWithoutACurrentRoomAreRefusedClearly() {
    RecordingSink events = new RecordingSink();
    ChatClient a = started(Identity.generate(ALICE, new SecureRandom()), new InMemoryChatStore(),
        new InMemoryRoomStore(), events);
    a.room(new RoomCommand.Invite(BOB));
    a.room(new RoomCommand.Join("nothing"));
    a.room(new RoomCommand.Switch("NOT A NAME!"));
    assertThat(events.await(ChatEvent.Error.class, e -> e.message().startsWith("no current room")).message())
        .contains("/room create");
    events.await(ChatEvent.Error.class, e -> e.message().startsWith("no invitation to nothing"));
    events.await(ChatEvent.Error.class, e -> e.message().startsWith("no room or user named"));
    assertThat(a.currentRoom()).isEmpty();
  }
}
