package dev.p2pchat.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.server.testing.TestIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link RegistryStore} must do; each implementation's test extends this. */
abstract class RegistryStoreContract {
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  static final Instant T1 = T0.plusSeconds(60);

  RegistryStore store;
  final TestIdentity alice = TestIdentity.create("alice");

  abstract RegistryStore open();

  @BeforeEach
  void openStore() {
    store = open();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  BindResult bind(TestIdentity id, Instant now) {
    return store.bind(id.user(), id.signing().publicKey(), id.dh(), now);
  }

  @Test
  void aFreeNameIsCreated() {
    BindResult result = bind(alice, T0);
    assertThat(result).isInstanceOf(BindResult.Created.class);
    assertThat(store.find(alice.user())).contains(new UserRecord(alice.user(), alice.signing().publicKey(), alice.dh(), T0, T0));
    assertThat(store.count()).isEqualTo(1);
  }

  @Test
  void theSameKeysAreAlreadyBoundAndRefreshLastSeen() {
    bind(alice, T0);
    BindResult again = bind(alice, T1);
    assertThat(again).isInstanceOf(BindResult.AlreadyBound.class);
    assertThat(again.record().createdAt()).isEqualTo(T0);
    assertThat(again.record().lastSeen()).isEqualTo(T1);
    assertThat(store.find(alice.user()).orElseThrow().lastSeen()).isEqualTo(T1);
  }

  @Test
  void otherKeysAreTakenAndChangeNothing() {
    bind(alice, T0);
    BindResult taken = bind(alice.withOtherKeys(), T1);
    assertThat(taken).isInstanceOf(BindResult.Taken.class);
    assertThat(taken.record().signingKey()).isEqualTo(alice.signing().publicKey());
    assertThat(store.find(alice.user())).contains(new UserRecord(alice.user(), alice.signing().publicKey(), alice.dh(), T0, T0));
    // Same signing key, other DH key: also another binding.
    TestIdentity otherDh = new TestIdentity(alice.user(), alice.signing(), TestIdentity.create("x").dh());
    assertThat(bind(otherDh, T1)).isInstanceOf(BindResult.Taken.class);
  }

  @Test
  void touchUpdatesLastSeenOfKnownUsersOnly() {
    bind(alice, T0);
    store.touch(alice.user(), T1);
    store.touch(TestIdentity.create("ghost").user(), T1);
    assertThat(store.find(alice.user()).orElseThrow().lastSeen()).isEqualTo(T1);
    assertThat(store.count()).isEqualTo(1);
  }

  @Test
  void unknownUsersAreAbsent() {
    assertThat(store.find(alice.user())).isEmpty();
    assertThat(store.count()).isZero();
  }

  @Test
  void concurrentFirstRegistrationsHaveExactlyOneWinner() throws Exception {
    List<TestIdentity> contenders = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      contenders.add(alice.withOtherKeys());
    }
    List<Callable<BindResult>> tasks = contenders.stream().<Callable<BindResult>>map(c -> () -> bind(c, T0)).toList();
    try (var pool = Executors.newFixedThreadPool(8)) {
      List<BindResult> results = new ArrayList<>();
      for (Future<BindResult> f : pool.invokeAll(tasks)) {
        results.add(f.get());
      }
      assertThat(results).filteredOn(r -> r instanceof BindResult.Created).hasSize(1);
      assertThat(results).filteredOn(r -> r instanceof BindResult.Taken).hasSize(7);
    }
  }
}
