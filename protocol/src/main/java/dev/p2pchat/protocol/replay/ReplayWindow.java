package dev.p2pchat.protocol.replay;

/**
 * A sliding anti-replay window after RFC 6479: accepts each counter at most once, accepts counters
 * that arrive out of order as long as they are within {@link #WINDOW_SIZE} of the highest counter
 * seen, and rejects older ones.
 *
 * <p>The bitmap is a ring of {@value #RING_WORDS} 64-bit words. Only whole words are cleared as
 * the window slides (RFC 6479 §2), so advancing costs at most one pass over the ring however far
 * the counter jumps. One word of the ring is always being recycled, so the window that is
 * guaranteed to be remembered is {@code (RING_WORDS - 1) * 64} = {@value #WINDOW_SIZE} counters.
 *
 * <p>Counters are unsigned 64-bit values. Use {@link #check} before authenticating a packet (cheap
 * drop of replays) and {@link #accept} only after its tag verified, so that forged packets can
 * never move the window.
 *
 * <p>Not thread-safe: a window belongs to one receiving session.
 */
public final class ReplayWindow {
  /** Words in the ring; a power of two so that a counter's word is {@code (counter / 64) & MASK}. */
  public static final int RING_WORDS = 128;

  /** How far behind the highest counter a counter may be and still be accepted once. */
  public static final long WINDOW_SIZE = (RING_WORDS - 1) * (long) Long.SIZE;

  private static final int WORD_MASK = RING_WORDS - 1;

  /** What the window says about a counter. */
  public enum Verdict {
    /** Not seen before and within the window (or ahead of it). */
    FRESH,
    /** Seen before. */
    REPLAYED,
    /** Too far behind the highest counter to tell: treated as a replay. */
    TOO_OLD,
    /** At or beyond the limit this window was created with. */
    BEYOND_LIMIT
  }

  private final long[] ring = new long[RING_WORDS];
  private final long limit;
  private long highest;
  private boolean any;

  /** @param limit counters at or above this (unsigned) are refused, e.g. RejectAfterMessages */
  public ReplayWindow(long limit) {
    this.limit = limit;
  }

  /** What {@link #accept} would say, without changing the window. */
  public Verdict check(long counter) {
    if (Long.compareUnsigned(counter, limit) >= 0) {
      return Verdict.BEYOND_LIMIT;
    }
    if (!any || Long.compareUnsigned(counter, highest) > 0) {
      return Verdict.FRESH;
    }
    if (Long.compareUnsigned(highest - counter, WINDOW_SIZE) > 0) {
      return Verdict.TOO_OLD;
    }
    return (ring[wordOf(counter)] & bitOf(counter)) == 0 ? Verdict.FRESH : Verdict.REPLAYED;
  }

  /** Records {@code counter} as seen if it is {@link Verdict#FRESH}; returns the verdict. */
  public Verdict accept(long counter) {
    Verdict verdict = check(counter);
    if (verdict != Verdict.FRESH) {
      return verdict;
    }
    if (!any || Long.compareUnsigned(counter, highest) > 0) {
      slideTo(counter);
    }
    ring[wordOf(counter)] |= bitOf(counter);
    return verdict;
  }

  /** Clears the words between the old highest counter's word and the new one's. */
  private void slideTo(long counter) {
    long newWord = counter >>> 6;
    if (!any) {
      any = true;
    } else {
      long oldWord = highest >>> 6;
      // Long jumps clear the whole ring once; no need to walk every skipped word.
      long toClear = Math.min(newWord - oldWord, RING_WORDS);
      for (long i = 1; i <= toClear; i++) {
        ring[(int) ((oldWord + i) & WORD_MASK)] = 0;
      }
    }
    highest = counter;
  }

  /** The highest counter accepted so far (unsigned), or 0 when none. */
  public long highest() {
    return highest;
  }

  private static int wordOf(long counter) {
    return (int) ((counter >>> 6) & WORD_MASK);
  }

  private static long bitOf(long counter) {
    return 1L << (counter & 63);
  }
}
