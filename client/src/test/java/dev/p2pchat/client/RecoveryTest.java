package dev.p2pchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.p2pchat.client.event.ChatEvent;
import dev.p2pchat.client.event.JsonEventWriter;
import dev.p2pchat.client.identity.Identity;
import dev.p2pchat.client.identity.IdentityFile;
import dev.p2pchat.client.link.LoopbackLinks;
import dev.p2pchat.client.link.PeerLinks;
import dev.p2pchat.client.signalling.Backoff;
import dev.p2pchat.client.signalling.SignallingOptions;
import dev.p2pchat.client.store.ChatStore;
import dev.p2pchat.client.store.InMemoryChatStore;
import dev.p2pchat.client.store.SqliteChatStore;
import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.server.RendezvousServer;
import dev.p2pchat.server.ServerConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
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

/**
 * Issue 5's recovery cases against the real rendezvous server (stopped and restarted on its port
 * mid-test) with in-memory links: broken links, presence, the server down, a restarted sender.
 */
class RecoveryTest {
  static final Username ALICE = Username.of("alice");
  static final Username BOB = Username.of("bob");
  static final Duration FAST_RETRY = Duration.ofMillis(100);
  static final Duration SLOW_RETRY = Duration.ofSeconds(30);

  @TempDir Path dir;
  RendezvousServer server;
  final LoopbackLinks.Switchboard board = new LoopbackLinks.Switchboard();
  final List<AutoCloseable> open = new ArrayList<>();
  final Identity alice = Identity.generate(ALICE, new SecureRandom());
  final Identity bob = Identity.generate(BOB, new SecureRandom());
  final JsonEventWriter json = new JsonEventWriter(new PrintStream(OutputStream.nullOutputStream()));

  @BeforeEach
  void startServer() throws IOException {
    server = startServer(0);
  }

  RendezvousServer startServer(int port) throws IOException {
    return RendezvousServer.builder(ServerConfig.defaults().toBuilder()
        .bind("127.0.0.1").httpPort(port).stunPort(0).dataDir(dir.resolve("server"))
        .presenceGrace(Duration.ofMillis(100)).build()).start();
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
    server.close();
    board.close();
  }

  ChatClient started(Identity identity, ChatStore store, PeerLinks links, RecordingSink sink, Duration retry, Username peer) {
    ChatOptions options = ChatOptions.defaults(server.httpUri())
        .withAcceptAll(true)
        .withSignalling(SignallingOptions.defaults().withBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(500))))
        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), retry);
    ChatClient client = new ChatClient(identity, store, links, sink, options);
    open.add(client);
    client.start(Optional.ofNullable(peer)).orTimeout(10, TimeUnit.SECONDS).join();
    return client;
  }

  ChatClient started(Identity identity, RecordingSink sink, Duration retry, Username peer) {
    return started(identity, new InMemoryChatStore(), new LoopbackLinks(board, identity), sink, retry, peer);
  }

  void closed(ChatClient client) {
    client.close();
    open.remove(client);
  }

  static List<String> texts(RecordingSink sink) {
    return sink.all(ChatEvent.MessageReceived.class).stream().map(ChatEvent.MessageReceived::text).toList();
  }

  @Test
  void aBrokenLinkIsReportedAndReconnectedWithoutUserActionAndUnackedMessagesArriveOnce() {
    RecordingSink bobEvents = new RecordingSink();
    started(bob, bobEvents, FAST_RETRY, null);
    RecordingSink aliceEvents = new RecordingSink();
    FaultyLinks links = new FaultyLinks(new LoopbackLinks(board, alice));
    ChatClient a = started(alice, new InMemoryChatStore(), links, aliceEvents, FAST_RETRY, BOB);
    a.send("first");
    aliceEvents.await(ChatEvent.Delivered.class);

    links.dropAcks = true; // bob stores it, alice never hears back
    a.send("acknowledgement lost");
    await().atMost(10, TimeUnit.SECONDS).until(() -> texts(bobEvents).size() == 2);
    links.dropAcks = false;
    int before = aliceEvents.events.size();
    board.breakAll("path lost");

    await().atMost(10, TimeUnit.SECONDS).until(() -> aliceEvents.all(ChatEvent.Connected.class).size() == 2);
    assertThat(a.drained(BOB, Duration.ofSeconds(5)).join()).isTrue();
    int disconnected = aliceEvents.indexOf(ChatEvent.Disconnected.class, before, d -> d.reason().equals("path lost"));
    int reconnecting = aliceEvents.indexOf(ChatEvent.PeerReconnecting.class, disconnected, r -> r.peer().equals(BOB));
    int connected = aliceEvents.indexOf(ChatEvent.Connected.class, reconnecting, c -> c.peer().equals(BOB));
    assertThat(List.of(disconnected, reconnecting, connected)).doesNotContain(-1).isSorted();
    assertThat(List.of(disconnected, reconnecting, connected)).map(i -> json.line(aliceEvents.events.get(i)))
        .satisfiesExactly(
            line -> assertThat(line).startsWith("{\"type\":\"disconnected\",\"peer\":\"bob\",\"reason\":\"path lost\""),
            line -> assertThat(line).startsWith("{\"type\":\"reconnecting\",\"peer\":\"bob\""),
            line -> assertThat(line).startsWith("{\"type\":\"connected\",\"peer\":\"bob\""));
    assertThat(aliceEvents.statuses).extracting(ChatStatus::state)
        .containsSubsequence(ChatStatus.PeerState.CONNECTED, ChatStatus.PeerState.RECONNECTING, ChatStatus.PeerState.CONNECTED);
    assertThat(texts(bobEvents)).containsExactly("first", "acknowledgement lost"); // resent, shown once
    assertThat(aliceEvents.all(ChatEvent.Delivered.class)).extracting(ChatEvent.Delivered::text)
        .containsExactly("first", "acknowledgement lost");
  }

  @Test
  void aRequestAcceptedByHandIsNotAskedAgainWhenThePeerReconnects() {
    RecordingSink bobEvents = new RecordingSink();
    ChatOptions asking = ChatOptions.defaults(server.httpUri())
        .withSignalling(SignallingOptions.defaults().withBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(500))))
        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), FAST_RETRY);
    ChatClient b = new ChatClient(bob, new InMemoryChatStore(), new LoopbackLinks(board, bob), bobEvents, asking);
    open.add(b);
    b.start(Optional.empty()).orTimeout(10, TimeUnit.SECONDS).join();
    RecordingSink aliceEvents = new RecordingSink();
    ChatClient a = started(alice, aliceEvents, FAST_RETRY, BOB);
    bobEvents.await(ChatEvent.Incoming.class);
    b.accept(Optional.empty());
    aliceEvents.await(ChatEvent.Connected.class);

    board.breakAll("path lost");

    await().atMost(10, TimeUnit.SECONDS).until(() -> bobEvents.all(ChatEvent.Connected.class).size() == 2);
    assertThat(bobEvents.all(ChatEvent.Incoming.class)).hasSize(2);
    a.send("still there?");
    assertThat(bobEvents.await(ChatEvent.MessageReceived.class).text()).isEqualTo("still there?");
  }

  @Test
  void aBrokenLinkIsTriedAgainAtOnceButALinkThatBreaksAgainSoonBacksOff() {
    RecordingSink bobEvents = new RecordingSink();
    started(bob, bobEvents, SLOW_RETRY, null);
    RecordingSink aliceEvents = new RecordingSink();
    started(alice, aliceEvents, SLOW_RETRY, BOB);
    aliceEvents.await(ChatEvent.Connected.class);

    board.breakAll("path lost");
    assertThat(aliceEvents.await(ChatEvent.PeerReconnecting.class).retryIn()).isZero();
    await().atMost(10, TimeUnit.SECONDS).until(() -> aliceEvents.all(ChatEvent.Connected.class).size() == 2);

    board.breakAll("path lost again");
    await().atMost(10, TimeUnit.SECONDS).until(() -> aliceEvents.all(ChatEvent.PeerReconnecting.class).size() == 2);
    assertThat(aliceEvents.all(ChatEvent.PeerReconnecting.class).get(1).retryIn())
        .as("a second loss within 30 s waits for the backoff").isGreaterThanOrEqualTo(SLOW_RETRY.dividedBy(2));
  }

  @Test
  void aPeerComingBackOnlineIsReconnectedAtOnceNotAtTheNextRetry() {
    RecordingSink firstBob = new RecordingSink();
    ChatClient bobOnce = started(bob, firstBob, SLOW_RETRY, null);
    RecordingSink aliceEvents = new RecordingSink();
    ChatClient a = started(alice, aliceEvents, SLOW_RETRY, BOB);
    aliceEvents.await(ChatEvent.Connected.class);

    closed(bobOnce);
    ChatEvent.PeerReconnecting retry = aliceEvents.await(ChatEvent.PeerReconnecting.class);
    assertThat(retry.retryIn()).as("a working link that broke is tried again at once").isZero();
    aliceEvents.await(ChatEvent.Presence.class, p -> p.peer().equals(BOB) && !p.online());
    a.send("while you were away");
    await().atMost(10, TimeUnit.SECONDS).until(() -> a.status().state() == ChatStatus.PeerState.OFFLINE);

    RecordingSink bobEvents = new RecordingSink();
    started(bob, bobEvents, SLOW_RETRY, null);

    assertThat(bobEvents.await(ChatEvent.MessageReceived.class).text()).isEqualTo("while you were away");
    assertThat(a.drained(BOB, Duration.ofSeconds(5)).join()).isTrue();
    assertThat(aliceEvents.all(ChatEvent.Connected.class)).hasSize(2);
  }

  @Test
  void withTheServerDownLinksKeepWorkingNewOnesWaitAndClientsRegisterAgainWhenItIsBack() throws IOException {
    RecordingSink bobEvents = new RecordingSink();
    started(bob, bobEvents, FAST_RETRY, null);
    RecordingSink aliceEvents = new RecordingSink();
    ChatClient a = started(alice, aliceEvents, FAST_RETRY, BOB);
    a.send("before");
    aliceEvents.await(ChatEvent.Delivered.class);

    int port = server.httpPort();
    server.close();
    aliceEvents.await(ChatEvent.Reconnecting.class);
    bobEvents.await(ChatEvent.Reconnecting.class);
    a.send("the server is down, the link is not");
    await().atMost(10, TimeUnit.SECONDS).until(() -> texts(bobEvents).size() == 2);

    board.breakAll("path lost");
    aliceEvents.await(ChatEvent.PeerReconnecting.class);
    a.send("queued while nothing works");
    await().atMost(10, TimeUnit.SECONDS).until(() -> a.status().state() == ChatStatus.PeerState.OFFLINE);
    assertThat(a.status().serverOnline()).isFalse();
    assertThat(a.status().queued()).isEqualTo(1);
    int restartedAt = aliceEvents.events.size();

    server = startServer(port);

    aliceEvents.await(ChatEvent.Registered.class);
    bobEvents.await(ChatEvent.Registered.class);
    await().atMost(10, TimeUnit.SECONDS).until(() -> texts(bobEvents).size() == 3);
    assertThat(a.drained(BOB, Duration.ofSeconds(5)).join()).isTrue();
    assertThat(texts(bobEvents)).containsExactly("before", "the server is down, the link is not", "queued while nothing works");
    assertThat(aliceEvents.indexOf(ChatEvent.Presence.class, restartedAt, p -> p.peer().equals(BOB)))
        .as("the watch list was sent again").isNotNegative();
    assertThat(a.status().serverOnline()).isTrue();
    assertThat(a.status().state()).isEqualTo(ChatStatus.PeerState.CONNECTED);
    assertThat(aliceEvents.all(ChatEvent.Ready.class)).hasSize(1);
  }

  @Test
  void unacknowledgedMessagesAreSentAgainAfterARestartAndShownOnce() {
    Path aliceDir = dir.resolve("alice");
    IdentityFile.write(aliceDir, alice);
    RecordingSink bobEvents = new RecordingSink();
    SqliteChatStore bobStore = SqliteChatStore.open(dir.resolve("bob.db"));
    open.add(bobStore);
    started(bob, bobStore, new LoopbackLinks(board, bob), bobEvents, FAST_RETRY, null);

    RecordingSink firstRun = new RecordingSink();
    SqliteChatStore firstStore = SqliteChatStore.open(aliceDir.resolve("chat.db"));
    FaultyLinks lossy = new FaultyLinks(new LoopbackLinks(board, alice));
    lossy.dropAcks = true;
    ChatClient a = started(IdentityFile.load(aliceDir), firstStore, lossy, firstRun, FAST_RETRY, BOB);
    a.send("one");
    a.send("two");
    await().atMost(10, TimeUnit.SECONDS).until(() -> texts(bobEvents).size() == 2);
    assertThat(a.status().queued()).isEqualTo(2);
    closed(a); // as if it crashed before any acknowledgement came back
    firstStore.close();

    RecordingSink secondRun = new RecordingSink();
    SqliteChatStore secondStore = SqliteChatStore.open(aliceDir.resolve("chat.db"));
    ChatClient again = started(IdentityFile.load(aliceDir), secondStore, new LoopbackLinks(board, alice), secondRun,
        FAST_RETRY, null);

    assertThat(again.drained(BOB, Duration.ofSeconds(10)).join()).isTrue();
    List<UUID> sent = firstRun.all(ChatEvent.Sent.class).stream().map(ChatEvent.Sent::id).toList();
    // drained() completes only after the last delivered event is out (the JSON mode exits on it)
    assertThat(secondRun.all(ChatEvent.Delivered.class)).extracting(ChatEvent.Delivered::id)
        .containsExactlyInAnyOrderElementsOf(sent);
    assertThat(texts(bobEvents)).containsExactly("one", "two");
    closed(again);
    secondStore.close();
  }
}
