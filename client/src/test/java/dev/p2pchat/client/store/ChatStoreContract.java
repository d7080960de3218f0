package dev.p2pchat.client.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p2pchat.client.identity.PublicKeys;
import dev.p2pchat.protocol.identity.DhPublicKey;
import dev.p2pchat.protocol.identity.SigningPublicKey;
import dev.p2pchat.protocol.identity.Username;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link ChatStore} must have; run against each implementation. */
abstract class ChatStoreContract {
  static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

  static final Username BOB = Username.of("bob");
  static final Username CAROL = Username.of("carol");
  static final Username NOBODY = Username.of("nobody");

  ChatStore store;

  abstract ChatStore newStore() throws Exception;

  @BeforeEach
  void open() throws Exception {
    store = newStore();
  }

  @AfterEach
  void close() {
    store.close();
  }

  static PublicKeys keys(int seed) {
    byte[] signing = new byte[32];
    byte[] dh = new byte[32];
    signing[0] = (byte) seed;
    dh[0] = (byte) (seed + 1);
    return new PublicKeys(SigningPublicKey.ofRaw(signing), DhPublicKey.ofRaw(dh));
  }

  @Test
  void pinsAContactOnceAndReplacingKeysClearsVerified() {
    store.pin(BOB, keys(1), T0);
    store.setVerified(BOB, true);

    assertThatThrownBy(() -> store.pin(BOB, keys(2), T0)).isInstanceOf(StoreException.AlreadyPinned.class);
    assertThat(store.contact(BOB).orElseThrow().verified()).isTrue();

    Contact replaced = store.replaceKeys(BOB, keys(2), T0.plusSeconds(5));

    assertThat(replaced.keys()).isEqualTo(keys(2));
    assertThat(replaced.verified()).isFalse();
    assertThat(replaced.firstSeen()).isEqualTo(T0);
    assertThat(store.contact(BOB)).contains(replaced);
  }

  @Test
  void unknownContactsAreTypedErrors() {
    assertThat(store.contact(NOBODY)).isEmpty();
    assertThatThrownBy(() -> store.setVerified(NOBODY, true))
        .isInstanceOf(StoreException.UnknownContact.class);
    assertThatThrownBy(() -> store.replaceKeys(NOBODY, keys(1), T0))
        .isInstanceOf(StoreException.UnknownContact.class);
  }

  @Test
  void contactsAreListedByNameAndSeenMovesLastSeen() {
    store.pin(CAROL, keys(3), T0);
    store.pin(BOB, keys(1), T0);
    store.seen(BOB, T0.plusSeconds(60));

    assertThat(store.contacts()).extracting(Contact::user).containsExactly(BOB, CAROL);
    assertThat(store.contact(BOB).orElseThrow().lastSeen()).isEqualTo(T0.plusSeconds(60));
  }

  @Test
  void outgoingMessageStaysInOutboxUntilDelivered() {
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    store.enqueue(first, "bob", "alice", "hi", T0);
    store.enqueue(second, "bob", "alice", "there", T0.plusMillis(1));

    assertThat(store.outbox("bob")).extracting(StoredMessage::id).containsExactly(first, second);
    assertThat(store.conversationsWithOutbox()).containsExactly("bob");

    assertThat(store.markSent(first, T0)).isTrue();
    assertThat(store.markSent(first, T0)).isFalse();
    assertThat(store.outbox("bob")).extracting(StoredMessage::state)
        .containsExactly(MessageState.SENT, MessageState.QUEUED);

    assertThat(store.markDelivered(first, T0)).isTrue();
    assertThat(store.markDelivered(first, T0)).isFalse();
    assertThat(store.markDelivered(second, T0)).isTrue(); // acked before marked sent: still delivered
    assertThat(store.markSent(second, T0)).isFalse(); // and never goes back

    assertThat(store.outbox("bob")).isEmpty();
    assertThat(store.conversationsWithOutbox()).isEmpty();
    assertThat(store.history("bob", 10)).extracting(StoredMessage::state)
        .containsExactly(MessageState.DELIVERED, MessageState.DELIVERED);
  }

  @Test
  void enqueueingTheSameIdTwiceIsRefused() {
    UUID id = UUID.randomUUID();
    store.enqueue(id, "bob", "alice", "hi", T0);

    assertThatThrownBy(() -> store.enqueue(id, "bob", "alice", "hi again", T0))
        .isInstanceOf(StoreException.DuplicateMessage.class);
    assertThat(store.history("bob", 10)).hasSize(1);
  }

  @Test
  void unknownIdsDoNotChangeState() {
    assertThat(store.markSent(UUID.randomUUID(), T0)).isFalse();
    assertThat(store.markDelivered(UUID.randomUUID(), T0)).isFalse();
  }

  @Test
  void incomingMessagesAreStoredExactlyOnce() {
    UUID id = UUID.randomUUID();

    assertThat(store.receive(id, "bob", "bob", "hello", T0)).isTrue();
    assertThat(store.receive(id, "bob", "bob", "hello", T0.plusSeconds(1))).isFalse();
    // The same id from another conversation is another message.
    assertThat(store.receive(id, "carol", "carol", "hello", T0)).isTrue();

    assertThat(store.history("bob", 10)).singleElement().satisfies(m -> {
      assertThat(m.direction()).isEqualTo(Direction.IN);
      assertThat(m.state()).isEqualTo(MessageState.RECEIVED);
      assertThat(m.text()).isEqualTo("hello");
    });
  }

  @Test
  void anIncomingIdEqualToAnOutgoingOneIsStillReceived() {
    UUID id = UUID.randomUUID();
    store.enqueue(id, "bob", "alice", "mine", T0);

    assertThat(store.receive(id, "bob", "bob", "theirs", T0)).isTrue();
    assertThat(store.outbox("bob")).singleElement().extracting(StoredMessage::text).isEqualTo("mine");
  }

  @Test
  void historyReturnsTheNewestMessagesOldestFirst() {
    for (int i = 0; i < 5; i++) {
      store.enqueue(UUID.randomUUID(), "bob", "alice", "m" + i, T0.plusSeconds(i));
    }
    store.enqueue(UUID.randomUUID(), "carol", "alice", "other", T0);

    assertThat(store.history("bob", 3)).extracting(StoredMessage::text).containsExactly("m2", "m3", "m4");
    assertThat(store.history("bob", 0)).isEmpty();
  }

  @Test
  void pruningBoundsDeliveredIdsByAgeAndCount() {
    for (int i = 0; i < 10; i++) {
      store.receive(UUID.randomUUID(), "bob", "bob", "m" + i, T0.plus(Duration.ofDays(i)));
    }

    assertThat(store.pruneDeliveredIds(T0.plus(Duration.ofDays(2)), 100)).isEqualTo(2);
    assertThat(store.pruneDeliveredIds(T0, 5)).isEqualTo(3);
    assertThat(store.pruneDeliveredIds(T0, 5)).isZero();
  }

  @Test
  void aPrunedIdStillInTheHistoryIsNotShownAgain() {
    UUID id = UUID.randomUUID();
    store.receive(id, "bob", "bob", "hello", T0);
    store.pruneDeliveredIds(T0.plusSeconds(1), 0);

    assertThat(store.receive(id, "bob", "bob", "hello", T0.plusSeconds(2))).isFalse();
    assertThat(store.history("bob", 10)).hasSize(1);
  }
}
