package dev.p2pchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.p2pchat.client.event.ChatEvent;
import dev.p2pchat.client.identity.Identity;
import dev.p2pchat.client.link.LoopbackLinks;
import dev.p2pchat.client.signalling.Backoff;
import dev.p2pchat.client.signalling.SignallingOptions;
import dev.p2pchat.client.store.ChatStore;
import dev.p2pchat.client.store.InMemoryChatStore;
import dev.p2pchat.client.store.SqliteChatStore;
import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.server.RendezvousServer;
import dev.p2pchat.server.ServerConfig;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two chat clients and the real rendezvous server on loopback; links are in memory. */
class ChatClientTest {
  static final Username ALICE = Username.of("alice");
  static final Username BOB = Username.of("bob");

  @TempDir Path dir;
  RendezvousServer server;
  final LoopbackLinks.Switchboard board = new LoopbackLinks.Switchboard();
  final List<AutoCloseable> open = new ArrayList<>();
  final Identity alice = Identity.generate(ALICE, new SecureRandom());
  final Identity bob = Identity.generate(BOB, new SecureRandom());

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

  ChatOptions options(boolean acceptAll) {
    return ChatOptions.defaults(server.httpUri())
        .withAcceptAll(acceptAll)
        .withSignalling(SignallingOptions.defaults().withBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(500))))
        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(100));
  }

  ChatClient client(Identity identity, ChatStore store, RecordingSink sink, boolean acceptAll) {
    ChatClient client = new ChatClient(identity, store, new LoopbackLinks(board, identity), sink, options(acceptAll));
    open.add(client);
    return client;
  }

  ChatClient started(Identity identity, ChatStore store, RecordingSink sink, boolean acceptAll, Username peer) {
    ChatClient client = client(identity, store, sink, acceptAll);
    client.start(Optional.ofNullable(peer)).orTimeout(10, TimeUnit.SECONDS).join();
    return client;
  }

  @Test
  void twoClientsChatBothWaysWithDeliveryReceipts() {
    RecordingSink aliceEvents = new RecordingSink();
    RecordingSink bobEvents = new RecordingSink();
    InMemoryChatStore bobStore = new InMemoryChatStore();
    started(bob, bobStore, bobEvents, true, null);
    ChatClient a = started(alice, new InMemoryChatStore(), aliceEvents, false, BOB);

    a.send("hello bob");

    ChatEvent.MessageReceived atBob = bobEvents.await(ChatEvent.MessageReceived.class);
    assertThat(atBob.from()).isEqualTo(ALICE);
    assertThat(atBob.text()).isEqualTo("hello bob");
    assertThat(aliceEvents.await(ChatEvent.Delivered.class).id()).isEqualTo(atBob.id());
    assertThat(aliceEvents.await(ChatEvent.Sent.class).id()).isEqualTo(atBob.id());
    assertThat(bobEvents.await(ChatEvent.Incoming.class).peer()).isEqualTo(ALICE);
    assertThat(aliceEvents.await(ChatEvent.Connected.class).peer()).isEqualTo(BOB);
    assertThat(aliceEvents.await(ChatEvent.Ready.class).user()).isEqualTo(ALICE);

    ChatClient b = (ChatClient) open.getFirst();
    assertThat(b.currentPeer()).contains(ALICE); // an accepted request makes the requester the current peer
    b.send("hi alice");

    assertThat(aliceEvents.await(ChatEvent.MessageReceived.class).text()).isEqualTo("hi alice");
    bobEvents.await(ChatEvent.Delivered.class);
    assertThat(bobStore.history("alice", 10)).extracting(m -> m.text()).containsExactly("hello bob", "hi alice");
    assertThat(a.status().state()).isEqualTo(ChatStatus.PeerState.CONNECTED);
    assertThat(a.status().trust()).isEqualTo(ChatStatus.Trust.TOFU);
  }

  @Test
  void messagesQueuedWhilePeerIsOfflineAreDeliveredWhenItComesOnline() {
    RecordingSink aliceEvents = new RecordingSink();
    ChatClient a = started(alice, new InMemoryChatStore(), aliceEvents, false, null);
    // bob registered once, then left
    RecordingSink first = new RecordingSink();
    ChatClient bobOnce = started(bob, new InMemoryChatStore(), first, true, null);
    bobOnce.close();
    open.remove(bobOnce);
    a.chatWith(BOB);
    a.send("are you there?");
    aliceEvents.await(ChatEvent.Sent.class);
    await().atMost(5, TimeUnit.SECONDS).until(() -> a.status().queued() == 1);

    RecordingSink bobEvents = new RecordingSink();
    started(bob, new InMemoryChatStore(), bobEvents, true, null);

    assertThat(bobEvents.await(ChatEvent.MessageReceived.class).text()).isEqualTo("are you there?");
    aliceEvents.await(ChatEvent.Delivered.class);
    assertThat(a.drained(BOB, Duration.ofSeconds(5)).join()).isTrue();
  }

  @Test
  void unacknowledgedMessagesAreResentOnANewLinkAndShownOnce() {
    RecordingSink aliceEvents = new RecordingSink();
    RecordingSink bobEvents = new RecordingSink();
    started(bob, new InMemoryChatStore(), bobEvents, true, null);
    ChatClient a = started(alice, new InMemoryChatStore(), aliceEvents, false, BOB);
    a.send("first");
    bobEvents.await(ChatEvent.MessageReceived.class);

    board.dropMessages(true);
    a.send("lost on the wire");
    aliceEvents.await(ChatEvent.Sent.class, e -> aliceEvents.all(ChatEvent.Sent.class).size() == 2);
    board.dropMessages(false);
    board.breakAll("path lost");

    aliceEvents.await(ChatEvent.Disconnected.class);
    await().atMost(10, TimeUnit.SECONDS).until(() -> aliceEvents.all(ChatEvent.Connected.class).size() >= 2);
    await().atMost(10, TimeUnit.SECONDS).until(() -> bobEvents.all(ChatEvent.MessageReceived.class).size() == 2);
    assertThat(a.drained(BOB, Duration.ofSeconds(5)).join()).isTrue();
    assertThat(bobEvents.all(ChatEvent.MessageReceived.class)).extracting(ChatEvent.MessageReceived::text)
        .containsExactly("first", "lost on the wire");
  }

  @Test
  void outboxSurvivesARestartOfTheSender() {
    Path db = dir.resolve("alice.db");
    RecordingSink aliceEvents = new RecordingSink();
    ChatClient a = started(alice, SqliteChatStore.open(db), aliceEvents, false, null);
    RecordingSink once = new RecordingSink();
    ChatClient bobOnce = started(bob, new InMemoryChatStore(), once, true, null);
    bobOnce.close();
    open.remove(bobOnce);
    a.chatWith(BOB);
    a.send("written before the crash");
    aliceEvents.await(ChatEvent.Sent.class);
    a.close();
    open.remove(a);

    RecordingSink bobEvents = new RecordingSink();
    started(bob, new InMemoryChatStore(), bobEvents, true, null);
    RecordingSink again = new RecordingSink();
    try (SqliteChatStore store = SqliteChatStore.open(db)) {
      ChatClient restarted = started(alice, store, again, false, null);

      assertThat(bobEvents.await(ChatEvent.MessageReceived.class).text()).isEqualTo("written before the crash");
      assertThat(restarted.drained(BOB, Duration.ofSeconds(5)).join()).isTrue();
      restarted.close();
      open.remove(restarted);
    }
  }

  @Test
  void withoutAcceptAllTheUserAcceptsOrDeclines() {
    RecordingSink bobEvents = new RecordingSink();
    ChatClient b = started(bob, new InMemoryChatStore(), bobEvents, false, null);
    RecordingSink aliceEvents = new RecordingSink();
    ChatClient a = started(alice, new InMemoryChatStore(), aliceEvents, false, BOB);

    bobEvents.await(ChatEvent.Incoming.class);
    assertThat(aliceEvents.all(ChatEvent.Connected.class)).isEmpty();
    b.accept(Optional.empty());

    aliceEvents.await(ChatEvent.Connected.class);
    bobEvents.await(ChatEvent.Connected.class);
    a.send("thanks for accepting");
    assertThat(bobEvents.await(ChatEvent.MessageReceived.class).text()).isEqualTo("thanks for accepting");
  }

  @Test
  void declinedRequestIsReportedToTheRequester() {
    RecordingSink bobEvents = new RecordingSink();
    ChatClient b = started(bob, new InMemoryChatStore(), bobEvents, false, null);
    RecordingSink aliceEvents = new RecordingSink();
    started(alice, new InMemoryChatStore(), aliceEvents, false, BOB);

    bobEvents.await(ChatEvent.Incoming.class);
    b.decline(Optional.of(ALICE));

    assertThat(aliceEvents.await(ChatEvent.Disconnected.class).reason()).contains("declined");
  }

  @Test
  void simultaneousRequestsEndInOneWorkingChat() {
    RecordingSink aliceEvents = new RecordingSink();
    RecordingSink bobEvents = new RecordingSink();
    ChatClient a = started(alice, new InMemoryChatStore(), aliceEvents, false, null);
    ChatClient b = started(bob, new InMemoryChatStore(), bobEvents, false, null);

    a.chatWith(BOB);
    b.chatWith(ALICE);
    a.send("from alice");
    b.send("from bob");

    assertThat(bobEvents.await(ChatEvent.MessageReceived.class).text()).isEqualTo("from alice");
    assertThat(aliceEvents.await(ChatEvent.MessageReceived.class).text()).isEqualTo("from bob");
  }

  @Test
  void aPeerThatHasNotRegisteredYetIsWaitedFor() {
    RecordingSink aliceEvents = new RecordingSink();
    ChatClient a = started(alice, new InMemoryChatStore(), aliceEvents, false, BOB);
    a.send("are you there yet?");

    ChatEvent.Waiting waiting = aliceEvents.await(ChatEvent.Waiting.class);
    assertThat(waiting.peer()).isEqualTo(BOB);
    assertThat(waiting.reason()).isEqualTo("no such user yet");
    RecordingSink bobEvents = new RecordingSink();
    started(bob, new InMemoryChatStore(), bobEvents, true, null); // bob registers only now

    assertThat(bobEvents.await(ChatEvent.MessageReceived.class).text()).isEqualTo("are you there yet?");
    aliceEvents.await(ChatEvent.Delivered.class);
    assertThat(aliceEvents.all(ChatEvent.Waiting.class)).as("said once, not per lookup").hasSize(1);
    assertThat(aliceEvents.all(ChatEvent.Error.class)).isEmpty();
  }

  @Test
  void aClientTheServerRefusedSendsNothing() {
    started(alice, new InMemoryChatStore(), new RecordingSink(), false, null); // alice's name is taken by her keys
    RecordingSink impostorEvents = new RecordingSink();
    ChatClient impostor = client(Identity.generate(ALICE, new SecureRandom()), new InMemoryChatStore(), impostorEvents, false);
    impostor.start(Optional.of(BOB));

    assertThat(impostor.refused().orTimeout(10, TimeUnit.SECONDS).join()).contains("refused");
    impostor.send("as if I were alice");

    assertThat(impostorEvents.await(ChatEvent.Error.class, e -> e.message().startsWith("not sent")).message())
        .contains("refused");
    assertThat(impostorEvents.all(ChatEvent.Sent.class)).isEmpty();
  }

  @Test
  void sendingWithoutAPeerIsAnError() {
    RecordingSink aliceEvents = new RecordingSink();
    ChatClient a = started(alice, new InMemoryChatStore(), aliceEvents, false, null);

    a.send("to whom?");

    assertThat(aliceEvents.await(ChatEvent.Error.class).message()).contains("no peer");
    assertThat(aliceEvents.all(ChatEvent.Sent.class)).isEmpty();
  }

  static UUID any() {
    return UUID.randomUUID();
  }
}
