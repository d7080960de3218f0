package dev.p2pchat.server.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.server.testing.ManualScheduler;
import dev.p2pchat.server.testing.RecordingSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The presence rules with scripted time: no sockets, no threads, no waiting. */
class PresenceHubTest {
  static final Duration GRACE = Duration.ofSeconds(5);
  static final Username ALICE = Username.of("alice");
  static final Username BOB = Username.of("bob");

  final ManualScheduler scheduler = new ManualScheduler();
  final List<Username> wentOffline = new ArrayList<>();
  final PresenceHub hub = new PresenceHub(scheduler, GRACE, wentOffline::add);

  record Client(Connection conn, RecordingSocket socket) {}

  static Client client(Username user) {
    RecordingSocket socket = new RecordingSocket();
    Connection conn = new Connection(socket, new Challenge("n", Instant.MAX));
    if (user != null) {
      conn.authenticatedAs(user);
    }
    return new Client(conn, socket);
  }

  Client online(Username user) {
    Client c = client(user);
    hub.attach(c.conn(), Replies.welcome(user, 0, List.of()));
    assertThat(c.socket().drain()).extracting(m -> m.get("type").textValue()).containsExactly("welcome");
    return c;
  }

  Client watching(Username watcher, Username watched) {
    Client c = online(watcher);
    hub.watch(c.conn(), List.of(watched));
    return c;
  }

  static void assertPresence(List<JsonNode> messages, boolean... online) {
    assertThat(messages).hasSize(online.length);
    for (int i = 0; i < online.length; i++) {
      assertThat(messages.get(i).get("type").textValue()).isEqualTo("presence");
      assertThat(messages.get(i).get("online").booleanValue()).isEqualTo(online[i]);
    }
  }

  @Test
  void attachPushesOnlineToWatchers() {
    Client a = watching(ALICE, BOB);
    online(BOB);
    assertPresence(a.socket().drain(), true);
    assertThat(hub.isOnline(BOB)).isTrue();
  }

  @Test
  void aDropShowsOfflineOnlyAfterTheGrace() {
    Client a = watching(ALICE, BOB);
    Client b = online(BOB);
    a.socket().drain();

    hub.detach(b.conn());
    assertThat(hub.isOnline(BOB)).isTrue();
    assertThat(hub.connectionOf(BOB)).isEmpty();
    scheduler.advance(GRACE.minusMillis(1));
    assertThat(a.socket().drain()).isEmpty();

    scheduler.advance(Duration.ofMillis(1));
    assertPresence(a.socket().drain(), false);
    assertThat(hub.isOnline(BOB)).isFalse();
    assertThat(wentOffline).containsExactly(BOB);
  }

  @Test
  void aReconnectWithinTheGraceIsInvisibleToWatchers() {
    Client a = watching(ALICE, BOB);
    Client b = online(BOB);
    a.socket().drain();

    hub.detach(b.conn());
    scheduler.advance(GRACE.minusSeconds(1));
    Client again = online(BOB);
    scheduler.advance(GRACE.multipliedBy(3));

    assertThat(a.socket().drain()).isEmpty();
    assertThat(wentOffline).isEmpty();
    assertThat(hub.connectionOf(BOB)).contains(again.conn());
  }

  @Test
  void aSecondAttachReplacesTheFirstWithoutFlapping() {
    Client a = watching(ALICE, BOB);
    Client first = online(BOB);
    a.socket().drain();

    Client second = online(BOB);
    List<JsonNode> toFirst = first.socket().drain();
    assertThat(toFirst).singleElement().satisfies(m -> assertThat(m.get("code").textValue()).isEqualTo("replaced"));
    assertThat(first.socket().closeCode()).isEqualTo(SignalLimits.CLOSE_REPLACED);

    hub.detach(first.conn()); // the replaced socket's close arrives later
    scheduler.advance(GRACE.multipliedBy(2));
    assertThat(a.socket().drain()).isEmpty();
    assertThat(hub.connectionOf(BOB)).contains(second.conn());
  }

  @Test
  void aReplacedConnectionStopsWatching() {
    Client first = watching(ALICE, BOB);
    online(ALICE);
    first.socket().drain();
    online(BOB);
    assertThat(first.socket().drain()).isEmpty();
  }

  @Test
  void watchReportsPresenceNowAndDetachForgetsWatches() {
    online(BOB);
    Client a = online(ALICE);
    assertThat(hub.watch(a.conn(), List.of(BOB, Username.of("carol"))))
        .containsExactly(java.util.Map.entry(BOB, true), java.util.Map.entry(Username.of("carol"), false));
    hub.detach(a.conn());
    online(Username.of("carol"));
    assertThat(a.socket().drain()).isEmpty();
  }

  @Test
  void unwatchStopsPushes() {
    Client a = watching(ALICE, BOB);
    hub.unwatch(a.conn(), List.of(BOB));
    online(BOB);
    assertThat(a.socket().drain()).isEmpty();
  }

  @Test
  void watchingTooManyIsRefusedWholly() {
    Client a = online(ALICE);
    List<Username> many = IntStream.range(0, SignalLimits.MAX_WATCHED_USERS)
        .mapToObj(i -> Username.of("u" + i)).toList();
    hub.watch(a.conn(), many);
    assertThatThrownBy(() -> hub.watch(a.conn(), List.of(BOB)))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
    hub.watch(a.conn(), List.of(Username.of("u1"))); // already watched: no growth, allowed
    online(BOB);
    assertThat(a.socket().drain()).isEmpty();
  }

  @Test
  void anUnauthenticatedDetachChangesNothing() {
    Client a = watching(ALICE, BOB);
    hub.detach(client(null).conn());
    assertThat(scheduler.pending()).isZero();
    assertThat(hub.onlineCount()).isEqualTo(1);
    assertThat(a.socket().drain()).isEmpty();
  }
}
