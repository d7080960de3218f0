package dev.p2pchat.client.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.client.ChatStatus;
import dev.p2pchat.client.event.ChatEvent;
import dev.p2pchat.client.event.PathKind;
import dev.p2pchat.client.store.Direction;
import dev.p2pchat.client.store.MessageState;
import dev.p2pchat.client.store.StoredMessage;
import dev.p2pchat.protocol.identity.Username;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TextRendererTest {
  private static final Username ALICE = Username.of("alice");
  private static final Username BOB = Username.of("bob");
  private final TextRenderer renderer = new TextRenderer(ZoneOffset.UTC);

  @Test
  void messagesAndConnectionEventsReadNaturally() {
    assertThat(renderer.event(new ChatEvent.MessageReceived(BOB, UUID.randomUUID(), "hi"))).contains("<bob> hi");
    assertThat(renderer.event(new ChatEvent.Connected(BOB, PathKind.DIRECT, "198.18.0.22:4000", Duration.ofMillis(80), false)))
        .hasValueSatisfying(s -> assertThat(s).contains("direct 198.18.0.22:4000", "80 ms", "not verified"));
    assertThat(renderer.event(new ChatEvent.Sent(BOB, UUID.randomUUID()))).isEmpty();
  }

  @Test
  void onlyAnAcknowledgementShowsAMessageDelivered() {
    assertThat(renderer.event(new ChatEvent.Sent(BOB, UUID.randomUUID()))).isEmpty();
    assertThat(renderer.event(new ChatEvent.Delivered(BOB, UUID.randomUUID(), "see you at eight")))
        .contains("  \u2713 delivered to bob: see you at eight");
    assertThat(renderer.event(new ChatEvent.Delivered(BOB, UUID.randomUUID(), "x".repeat(100))).orElseThrow())
        .hasSizeLessThan(80).endsWith("…");
  }

  @Test
  void recoveryIsVisible() {
    assertThat(renderer.event(new ChatEvent.PeerReconnecting(BOB, "path lost", Duration.ofMillis(2300))))
        .hasValueSatisfying(s -> assertThat(s).contains("reconnecting to bob in 2 s"));
    assertThat(renderer.event(new ChatEvent.Registered(ALICE))).hasValueSatisfying(s -> assertThat(s).contains("again"));
    ChatStatus waiting = new ChatStatus(ALICE, false, Optional.of(BOB), ChatStatus.PeerState.RECONNECTING,
        Optional.empty(), Optional.empty(), Optional.empty(), ChatStatus.Trust.TOFU, 1);
    assertThat(renderer.status(waiting)).isEqualTo("alice → bob (server offline) | reconnecting… | TOFU (unverified) | 1 queued");
  }

  @Test
  void statusCommandListsPathRemoteAndRtt() {
    ChatStatus status = new ChatStatus(ALICE, true, Optional.of(BOB), ChatStatus.PeerState.CONNECTED,
        Optional.of(PathKind.DIRECT), Optional.of("198.18.0.22:4000"), Optional.of(Duration.ofMillis(42)),
        ChatStatus.Trust.VERIFIED, 0);

    assertThat(renderer.statusDetail(status)).contains("peer:   bob, connected", "path:   direct to 198.18.0.22:4000",
        "rtt:    42 ms", "trust:  verified", "queued: 0");
    assertThat(renderer.statusDetail(ChatStatus.idle(ALICE, true))).contains("peer:   none");
  }

  @Test
  void keyChangeIsLoud() {
    String text = renderer.event(new ChatEvent.KeyChanged(BOB, "11111 22222", "33333 44444")).orElseThrow();

    assertThat(text).contains("WARNING", "CHANGED", "11111 22222", "33333 44444", "blocked", "/trust");
  }

  @Test
  void peerTextCannotInjectTerminalControls() {
    String text = renderer.event(new ChatEvent.MessageReceived(BOB, UUID.randomUUID(),
        "a\u001b[2Jb\rc\u202Ed\nnext")).orElseThrow();

    assertThat(text).doesNotContain("\u001b", "\r", "\u202E").contains("a\uFFFD[2Jb").endsWith("\n    next");
  }

  @Test
  void statusLineShowsPeerPathRttTrustAndOutbox() {
    ChatStatus status = new ChatStatus(ALICE, true, Optional.of(BOB), ChatStatus.PeerState.CONNECTED,
        Optional.of(PathKind.RELAYED), Optional.of("198.18.0.10:3478"), Optional.of(Duration.ofMillis(42)),
        ChatStatus.Trust.TOFU, 2);

    assertThat(renderer.status(status))
        .isEqualTo("alice → bob | relayed 198.18.0.10:3478 | rtt 42 ms | TOFU (unverified) | 2 queued");
    assertThat(renderer.status(ChatStatus.idle(ALICE, false))).isEqualTo("alice (server offline)");
  }

  @Test
  void inARoomTheStatusLineShowsTheRoomAndHowManyMembersAreLinked() {
    ChatStatus inRoom = ChatStatus.idle(ALICE, true).withRoom(Optional.of(new ChatStatus.RoomView("friends", 4, 2)));
    assertThat(renderer.status(inRoom)).isEqualTo("alice in #friends | 4 members, 2 of 3 others linked");
    assertThat(renderer.statusDetail(inRoom)).contains("room:   #friends, 4 member(s), 2 of the others linked");

    ChatStatus alone = new ChatStatus(ALICE, false, Optional.of(BOB), ChatStatus.PeerState.CONNECTED,
        Optional.of(PathKind.DIRECT), Optional.empty(), Optional.empty(), ChatStatus.Trust.TOFU, 0)
        .withRoom(Optional.of(new ChatStatus.RoomView("a\u001b[2Jb", 1, 0)));
    assertThat(renderer.status(alone)).as("the room, not the peer; no terminal controls from a room name")
        .isEqualTo("alice in #a\uFFFD[2Jb (server offline) | 1 member");
  }

  @Test
  void historyMarksUndeliveredMessages() {
    Instant t = Instant.parse("2025-01-01T09:05:00Z");
    List<StoredMessage> messages = List.of(
        new StoredMessage(UUID.randomUUID(), "bob", "bob", Direction.IN, "hi", t, t, MessageState.RECEIVED),
        new StoredMessage(UUID.randomUUID(), "bob", "alice", Direction.OUT, "yo", t, t, MessageState.SENT));

    assertThat(renderer.history(messages)).isEqualTo("09:05 <bob> hi\n09:05 <alice> yo (not delivered yet)");
    assertThat(renderer.history(List.of())).isEqualTo("* no messages yet");
  }
}
