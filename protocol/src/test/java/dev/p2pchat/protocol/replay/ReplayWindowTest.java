package dev.p2pchat.protocol.replay;

import static dev.p2pchat.protocol.replay.ReplayWindow.Verdict.BEYOND_LIMIT;
import static dev.p2pchat.protocol.replay.ReplayWindow.Verdict.FRESH;
import static dev.p2pchat.protocol.replay.ReplayWindow.Verdict.REPLAYED;
import static dev.p2pchat.protocol.replay.ReplayWindow.Verdict.TOO_OLD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.protocol.replay.ReplayWindow.Verdict;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplayWindowTest {
  static final long NO_LIMIT = -1L;
  static final long W = ReplayWindow.WINDOW_SIZE;

  @Test
  void windowIs8128CountersLikeWireGuards() {
    assertThat(W).isEqualTo(8128);
  }

  @Test
  void inOrderCountersAreEachAcceptedOnce() {
    ReplayWindow window = new ReplayWindow(NO_LIMIT);
    for (long c = 0; c < 20_000; c++) {
      assertThat(window.accept(c)).as("first %d", c).isEqualTo(FRESH);
      assertThat(window.accept(c)).as("again %d", c).isEqualTo(REPLAYED);
    }
  }

  @Test
  void everyCounterOfAShuffledBlockWithinTheWindowIsAcceptedExactlyOnce() {
    ReplayWindow window = new ReplayWindow(NO_LIMIT);
    List<Long> counters = new ArrayList<>();
    for (long c = 0; c <= W; c++) {
      counters.add(c);
    }
    Collections.shuffle(counters, new Random(1));
    for (long c : counters) {
      assertThat(window.accept(c)).isEqualTo(FRESH);
    }
    for (long c : counters) {
      assertThat(window.accept(c)).isEqualTo(REPLAYED);
    }
  }

  @Test
  void theEdgeOfTheWindow() {
    ReplayWindow window = new ReplayWindow(NO_LIMIT);
    long top = 100_000;
    assertThat(window.accept(top)).isEqualTo(FRESH);
    assertThat(window.accept(top - W)).isEqualTo(FRESH);
    assertThat(window.accept(top - W)).isEqualTo(REPLAYED);
    assertThat(window.accept(top - W - 1)).isEqualTo(TOO_OLD);
    assertThat(window.accept(0)).isEqualTo(TOO_OLD);
  }

  @Test
  void checkDoesNotRecord() {
    ReplayWindow window = new ReplayWindow(NO_LIMIT);
    assertThat(window.check(7)).isEqualTo(FRESH);
    assertThat(window.check(7)).isEqualTo(FRESH);
    assertThat(window.accept(7)).isEqualTo(FRESH);
    assertThat(window.check(7)).isEqualTo(REPLAYED);
  }

  @Test
  void slidingAroundTheRingManyTimesForgetsNothingInsideTheWindow() {
    ReplayWindow window = new ReplayWindow(NO_LIMIT);
    Random random = new Random(2);
    Set<Long> seen = new HashSet<>();
    long top = 0;
    for (int i = 0; i < 200_000; i++) {
      // Mostly forward steps of up to two words, sometimes late packets from inside the window.
      long c = random.nextInt(4) == 0 ? Math.max(0, top - random.nextLong(W + 200)) : top + random.nextInt(130);
      Verdict expected = top - c > W && c < top ? TOO_OLD : seen.contains(c) ? REPLAYED : FRESH;
      assertThat(window.accept(c)).as("counter %d with top %d", c, top).isEqualTo(expected);
      if (expected == FRESH) {
        seen.add(c);
        top = Math.max(top, c);
      }
    }
  }

  @Test
  void hugeJumpsClearTheRing() {
    ReplayWindow window = new ReplayWindow(NO_LIMIT);
    for (long c = 0; c < 1000; c++) {
      window.accept(c);
    }
    long far = 1L << 40;
    assertThat(window.accept(far)).isEqualTo(FRESH);
    // Same ring slots as the old counters: they must read as unseen now.
    for (long c = far - 1; c > far - 1000; c--) {
      assertThat(window.accept(c)).isEqualTo(FRESH);
    }
    assertThat(window.accept(999)).isEqualTo(TOO_OLD);
    // One word further than the ring: again a clean slate.
    long further = far + 64L * ReplayWindow.RING_WORDS + 5;
    assertThat(window.accept(further)).isEqualTo(FRESH);
    assertThat(window.accept(further - 64L * ReplayWindow.RING_WORDS)).isEqualTo(TOO_OLD);
    assertThat(window.accept(further - 1)).isEqualTo(FRESH);
  }

  @Test
  void aJumpOfExactlyOneRingDoesNotResurrectOldBits() {
    ReplayWindow window = new ReplayWindow(NO_LIMIT);
    window.accept(64);
    long next = 64 + 64L * ReplayWindow.RING_WORDS;
    assertThat(window.accept(next)).isEqualTo(FRESH);
    assertThat(window.accept(next)).isEqualTo(REPLAYED);
  }

  @Test
  void countersAtOrAboveTheLimitAreRefused() {
    long limit = 0xFFFF_FFFF_FFFF_DFFFL;
    ReplayWindow window = new ReplayWindow(limit);
    assertThat(window.accept(limit)).isEqualTo(BEYOND_LIMIT);
    assertThat(window.accept(-1L)).isEqualTo(BEYOND_LIMIT);
    assertThat(window.accept(limit - 1)).isEqualTo(FRESH);
    assertThat(window.accept(limit - 1)).isEqualTo(REPLAYED);
    assertThat(window.accept(limit - 2)).isEqualTo(FRESH);
    assertThat(window.highest()).isEqualTo(limit - 1);
  }

  @Test
  void unsignedCountersAboveTwoToThe63() {
    ReplayWindow window = new ReplayWindow(NO_LIMIT);
    long high = Long.MIN_VALUE + 10; // 2^63 + 10 unsigned
    assertThat(window.accept(high)).isEqualTo(FRESH);
    assertThat(window.accept(5)).isEqualTo(TOO_OLD);
    assertThat(window.accept(high - 1)).isEqualTo(FRESH);
    assertThat(window.accept(high + 1)).isEqualTo(FRESH);
    assertThat(window.accept(high)).isEqualTo(REPLAYED);
  }

  @Test
  void zeroIsAcceptedOnceOnAFreshWindow() {
    ReplayWindow window = new ReplayWindow(NO_LIMIT);
    assertThat(window.accept(0)).isEqualTo(FRESH);
    assertThat(window.accept(0)).isEqualTo(REPLAYED);
  }
}
