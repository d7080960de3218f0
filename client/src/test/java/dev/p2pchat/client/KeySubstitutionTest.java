package dev.p2pchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.client.event.ChatEvent;
import dev.p2pchat.client.identity.Identity;
import dev.p2pchat.client.link.LoopbackLinks;
import dev.p2pchat.client.signalling.Backoff;
import dev.p2pchat.client.signalling.FakeSignallingServer;
import dev.p2pchat.client.signalling.SignallingOptions;
import dev.p2pchat.client.store.InMemoryChatStore;
import dev.p2pchat.protocol.identity.Username;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A lying server substitutes Bob's keys: the client must refuse to talk and say so loudly. */
class KeySubstitutionTest {
  static final Username ALICE = Username.of("alice");
  static final Username BOB = Username.of("bob");

  final FakeSignallingServer server = new FakeSignallingServer().start();
  final LoopbackLinks.Switchboard board = new LoopbackLinks.Switchboard();
  final Identity alice = Identity.generate(ALICE, new SecureRandom());
  final Identity bob = Identity.generate(BOB, new SecureRandom());
  final Identity mallory = Identity.generate(BOB, new SecureRandom());
  final InMemoryChatStore aliceStore = new InMemoryChatStore();
  final RecordingSink aliceEvents = new RecordingSink();
  final RecordingSink bobEvents = new RecordingSink();
  ChatClient a;
  ChatClient b;

  @AfterEach
  void stop() {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
    server.close();
    board.close();
  }

  ChatClient client(Identity identity, RecordingSink sink, InMemoryChatStore store) {
    ChatOptions options = ChatOptions.defaults(server.uri())
        .withAcceptAll(true)
        .withSignalling(SignallingOptions.defaults().withBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(500))))
        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(100));
    ChatClient client = new ChatClient(identity, store, new LoopbackLinks(board, identity), sink, options);
    client.start(Optional.empty()).orTimeout(10, TimeUnit.SECONDS).join();
    return client;
  }

  @Test
  void aKeyChangedAfterPinningBlocksSendingUntilTrusted() {
    b = client(bob, bobEvents, new InMemoryChatStore());
    a = client(alice, aliceEvents, aliceStore);
    a.chatWith(BOB);
    a.send("before");
    bobEvents.await(ChatEvent.MessageReceived.class);
    assertThat(aliceStore.contact(BOB).orElseThrow().keys()).isEqualTo(bob.publicKeys());

    server.substituteKeys(BOB, mallory.publicKeys());
    board.breakAll("path lost"); // the reconnect looks Bob up again

    ChatEvent.KeyChanged changed = aliceEvents.await(ChatEvent.KeyChanged.class);
    assertThat(changed.peer()).isEqualTo(BOB);
    assertThat(changed.pinnedFingerprint()).isEqualTo(bob.fingerprint().digits());
    assertThat(changed.offeredFingerprint()).isEqualTo(mallory.fingerprint().digits());
    assertThat(a.status().trust()).isEqualTo(ChatStatus.Trust.KEY_CHANGED);

    a.send("after");

    assertThat(aliceEvents.await(ChatEvent.Error.class).message()).contains("keys of bob changed");
    assertThat(aliceEvents.all(ChatEvent.Sent.class)).hasSize(1);
    assertThat(aliceStore.contact(BOB).orElseThrow().keys()).isEqualTo(bob.publicKeys()); // pin unchanged
    assertThat(bobEvents.all(ChatEvent.MessageReceived.class)).hasSize(1);

    a.trustPeer();

    aliceEvents.await(ChatEvent.Trusted.class);
    assertThat(aliceStore.contact(BOB).orElseThrow().keys()).isEqualTo(mallory.publicKeys());
    // The real Bob does not hold Mallory's key: the handshake refuses him, nothing is sent.
    assertThat(aliceEvents.await(ChatEvent.Disconnected.class, d -> d.reason().contains("handshake")).reason())
        .contains("not the pinned one");
  }

  @Test
  void aServerLyingFromTheStartIsCaughtByTheHandshake() {
    b = client(bob, bobEvents, new InMemoryChatStore());
    server.substituteKeys(BOB, mallory.publicKeys());
    a = client(alice, aliceEvents, aliceStore);

    a.chatWith(BOB);
    a.send("secret");

    assertThat(aliceEvents.await(ChatEvent.Disconnected.class).reason()).contains("not the pinned one");
    assertThat(aliceEvents.all(ChatEvent.Connected.class)).isEmpty();
    assertThat(bobEvents.all(ChatEvent.MessageReceived.class)).isEmpty();
    assertThat(a.status().queued()).isEqualTo(1);
  }
}
