package dev.p2pchat.client.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.client.identity.Identity;
import dev.p2pchat.client.store.InMemoryChatStore;
import dev.p2pchat.protocol.identity.Username;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class KeyPinningTest {
  private static final Username BOB = Username.of("bob");
  private final InMemoryChatStore store = new InMemoryChatStore();
  private final KeyPinning pinning = new KeyPinning(store, InstantSource.fixed(Instant.parse("2025-01-01T00:00:00Z")));
  private final Identity bob = Identity.generate(BOB, new SecureRandom());
  private final Identity mallory = Identity.generate(BOB, new SecureRandom());

  @Test
  void firstKeysArePinnedAndLaterMatchingKeysAreKnown() {
    assertThat(pinning.check(BOB, bob.publicKeys())).isInstanceOf(TrustDecision.FirstUse.class);
    assertThat(pinning.check(BOB, bob.publicKeys())).isInstanceOf(TrustDecision.Known.class);
  }

  @Test
  void substitutedKeysAreAKeyChangeAndStayUnpinnedUntilAccepted() {
    pinning.check(BOB, bob.publicKeys());
    pinning.verify(BOB);

    TrustDecision decision = pinning.check(BOB, mallory.publicKeys());

    assertThat(decision).isInstanceOfSatisfying(TrustDecision.KeyChanged.class, changed -> {
      assertThat(changed.contact().keys()).isEqualTo(bob.publicKeys());
      assertThat(changed.offeredFingerprint()).isEqualTo(mallory.fingerprint());
      assertThat(changed.pinnedFingerprint()).isEqualTo(bob.fingerprint());
    });
    assertThat(store.contact(BOB).orElseThrow().keys()).isEqualTo(bob.publicKeys());
    assertThat(pinning.check(BOB, mallory.publicKeys())).isInstanceOf(TrustDecision.KeyChanged.class);

    pinning.accept(BOB, mallory.publicKeys());

    assertThat(pinning.check(BOB, mallory.publicKeys())).isInstanceOfSatisfying(
        TrustDecision.Known.class, known -> assertThat(known.contact().verified()).isFalse());
  }
}
