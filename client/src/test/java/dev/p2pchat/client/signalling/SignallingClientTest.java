package dev.p2pchat.client.signalling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p2pchat.client.identity.Identity;
import dev.p2pchat.protocol.identity.Username;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.security.SecureRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SignallingClientTest {
  private static final Username ALICE = Username.of("alice");
  private static final Username BOB = Username.of("bob");
  private static final SignallingOptions FAST =
      SignallingOptions.defaults()
          .withBackoff(new Backoff(Duration.ofMillis(20), Duration.ofMillis(200)))
          .withRequestTimeout(Duration.ofSeconds(5));

  private final FakeSignallingServer server = new FakeSignallingServer();
  private final List<AutoCloseable> closeAfter = new CopyOnWriteArrayList<>();
  private final Identity alice = Identity.generate(ALICE, new SecureRandom());
  private final Identity bob = Identity.generate(BOB, new SecureRandom());

  @BeforeEach
  void startServer() {
    server.start();
    closeAfter.add(server);
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : closeAfter.reversed()) {
      c.close();
    }
  }

  private SignallingClient client(Identity identity, RecordingListener listener, SignallingOptions options) {
    SignallingClient client = new SignallingClient(server.uri(), identity, listener, options);
    closeAfter.add(client);
    return client;
  }

  private SignallingClient connected(Identity identity, RecordingListener listener) {
    SignallingClient client = client(identity, listener, FAST);
    client.connect().orTimeout(5, TimeUnit.SECONDS).join();
    return client;
  }

  @Test
  void authenticatesAndLooksUpAUsersKeys() {
    connected(bob, new RecordingListener());
    SignallingClient a = connected(alice, new RecordingListener());

    ServerMessage.UserInfo info = a.lookup(BOB).join();

    assertThat(a.state()).isEqualTo(SignallingClient.State.READY);
    assertThat(info.user()).isEqualTo(BOB);
    assertThat(info.online()).isTrue();
    assertThat(info.keys()).isEqualTo(bob.publicKeys());
  }

  @Test
  void unknownUserIsATypedError() {
    SignallingClient a = connected(alice, new RecordingListener());

    assertThatThrownBy(() -> a.lookup(Username.of("nobody")).join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(SignallingException.ServerError.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_USER));
  }

  @Test
  void signalsReachThePeerAndOfflinePeersAreReported() {
    RecordingListener bobEvents = new RecordingListener();
    connected(bob, bobEvents);
    SignallingClient a = connected(alice, new RecordingListener());
    ObjectNode payload = new ObjectMapper().createObjectNode().put("kind", "offer").put("n", 7);

    a.signal(BOB, payload).join();

    await().atMost(5, TimeUnit.SECONDS).until(() -> !bobEvents.signals.isEmpty());
    assertThat(bobEvents.signals).containsExactly("alice:" + payload);
    assertThatThrownBy(() -> a.signal(Username.of("carol"), payload).join())
        .cause()
        .isInstanceOfSatisfying(SignallingException.ServerError.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PEER_OFFLINE));
  }

  @Test
  void oversizePayloadIsRefusedBeforeSending() {
    SignallingClient a = connected(alice, new RecordingListener());
    ObjectNode payload = new ObjectMapper().createObjectNode().put("blob", "x".repeat(20_000));

    assertThatThrownBy(() -> a.signal(BOB, payload).join())
        .cause()
        .isInstanceOf(SignallingException.PayloadTooLarge.class);
    assertThat(server.received()).noneMatch(m -> m.contains("\"signal\""));
  }

  @Test
  void watchReportsPresenceChanges() {
    RecordingListener aliceEvents = new RecordingListener();
    SignallingClient a = connected(alice, aliceEvents);
    a.watch(List.of(BOB));
    await().atMost(5, TimeUnit.SECONDS).until(() -> aliceEvents.presence.contains("bob:false"));

    connected(bob, new RecordingListener());

    await().atMost(5, TimeUnit.SECONDS).until(() -> aliceEvents.presence.contains("bob:true"));
  }

  @Test
  void reconnectsAfterADropAndWatchesAgain() {
    RecordingListener events = new RecordingListener();
    SignallingClient a = connected(alice, events);
    a.watch(List.of(BOB));
    await().atMost(5, TimeUnit.SECONDS).until(() -> events.presence.size() == 1);

    server.dropAllConnections();

    await().atMost(5, TimeUnit.SECONDS).until(() -> events.connected.size() == 2);
    assertThat(events.reconnecting).isNotEmpty();
    assertThat(server.logins()).isEqualTo(2);
    await().atMost(5, TimeUnit.SECONDS).until(() -> events.presence.size() == 2); // watch re-sent
    assertThat(a.lookup(ALICE).join().keys()).isEqualTo(alice.publicKeys());
  }

  @Test
  void keepsRetryingWhileTheServerIsDown() {
    server.stop();
    RecordingListener events = new RecordingListener();
    SignallingClient a = client(alice, events, FAST);
    var welcome = a.connect();

    await().atMost(5, TimeUnit.SECONDS).until(() -> events.reconnecting.size() >= 3);
    assertThat(welcome).isNotDone();
    assertThatThrownBy(() -> a.lookup(BOB).join()).cause().isInstanceOf(SignallingException.NotConnected.class);

    server.restart();

    assertThat(welcome.orTimeout(5, TimeUnit.SECONDS).join().user()).isEqualTo(ALICE);
  }

  @Test
  void aSilentServerIsDetectedByPingAndReconnected() {
    RecordingListener events = new RecordingListener();
    SignallingClient a = client(alice, events,
        FAST.withPingInterval(Duration.ofMillis(100)).withRequestTimeout(Duration.ofMillis(500)));
    a.connect().orTimeout(5, TimeUnit.SECONDS).join();

    server.goSilent(true);
    await().atMost(5, TimeUnit.SECONDS).until(() -> !events.reconnecting.isEmpty());
    assertThat(events.reconnecting.getFirst()).contains("silent");
    server.goSilent(false);

    // If the retry's hello still met the silent server, the welcome timeout retries once more.
    await().atMost(10, TimeUnit.SECONDS).until(() -> events.connected.size() >= 2);
  }

  @Test
  void aProbeFindsASilentServerLongBeforeThePingerWould() {
    RecordingListener events = new RecordingListener();
    SignallingClient a = client(alice, events, FAST.withPingInterval(Duration.ofMinutes(5)));
    a.connect().orTimeout(5, TimeUnit.SECONDS).join();

    a.probe(Duration.ofMillis(300));
    await().during(500, TimeUnit.MILLISECONDS).atMost(2, TimeUnit.SECONDS).until(() -> events.reconnecting.isEmpty());

    server.goSilent(true);
    a.probe(Duration.ofMillis(300));
    await().atMost(5, TimeUnit.SECONDS).until(() -> !events.reconnecting.isEmpty());
    assertThat(events.reconnecting.getFirst()).contains("no answer to a ping within 300 ms");
    server.goSilent(false);
    await().atMost(10, TimeUnit.SECONDS).until(() -> events.connected.size() >= 2);
  }

  @Test
  void aServerThatNeverWelcomesIsRetried() {
    server.goSilent(true); // the challenge is sent, but the hello is never answered
    RecordingListener events = new RecordingListener();
    SignallingClient a = client(alice, events, FAST.withRequestTimeout(Duration.ofMillis(300)));
    var welcome = a.connect();

    await().atMost(5, TimeUnit.SECONDS).until(() -> events.reconnecting.size() >= 2);
    assertThat(events.reconnecting).allMatch(reason -> reason.contains("no welcome"));
    server.goSilent(false);

    assertThat(welcome.orTimeout(10, TimeUnit.SECONDS).join().user()).isEqualTo(ALICE);
  }

  @Test
  void aNameTakenByOtherKeysIsFatal() {
    connected(alice, new RecordingListener()).close();
    Identity impostor = Identity.generate(ALICE, new SecureRandom());
    RecordingListener events = new RecordingListener();
    SignallingClient client = client(impostor, events, FAST);

    assertThatThrownBy(() -> client.connect().orTimeout(5, TimeUnit.SECONDS).join())
        .cause()
        .isInstanceOfSatisfying(SignallingException.ServerError.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NAME_TAKEN));
    assertThat(events.fatal).singleElement().isEqualTo(ErrorCode.NAME_TAKEN);
    assertThat(client.state()).isEqualTo(SignallingClient.State.CLOSED);
    assertThat(events.reconnecting).isEmpty();
  }

  @Test
  void webSocketUriFollowsTheServerUrl() {
    assertThat(SignallingClient.webSocketUri(java.net.URI.create("http://198.18.0.10:5000")))
        .hasToString("ws://198.18.0.10:5000/v1/ws");
    assertThat(SignallingClient.webSocketUri(java.net.URI.create("https://chat.example/")))
        .hasToString("wss://chat.example/v1/ws");
    assertThatThrownBy(() -> SignallingClient.webSocketUri(java.net.URI.create("ftp://x")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static final class RecordingListener implements SignallingListener {
    final List<ServerMessage.Welcome> connected = new CopyOnWriteArrayList<>();
    final List<String> reconnecting = new CopyOnWriteArrayList<>();
    final List<String> signals = new CopyOnWriteArrayList<>();
    final List<String> presence = new CopyOnWriteArrayList<>();
    final List<ErrorCode> fatal = new CopyOnWriteArrayList<>();

    @Override
    public void onConnected(ServerMessage.Welcome welcome) {
      connected.add(welcome);
    }

    @Override
    public void onReconnecting(String reason, Duration retryIn) {
      reconnecting.add(reason);
    }

    @Override
    public void onSignal(Username from, ObjectNode payload) {
      signals.add(from + ":" + payload);
    }

    @Override
    public void onPresence(Username user, boolean online) {
      presence.add(user + ":" + online);
    }

    @Override
    public void onFatal(SignallingException.ServerError error) {
      fatal.add(error.code());
    }
  }
}
