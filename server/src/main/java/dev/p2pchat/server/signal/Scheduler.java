package dev.p2pchat.server.signal;

import java.time.Duration;

/**
 * Runs a task after a delay. The presence grace period goes through this so tests can fire it
 * by hand instead of waiting.
 */
public interface Scheduler {
  /** Runs {@code task} once after {@code delay}, on some other thread; the result cancels it. */
  Cancellable schedule(Duration delay, Runnable task);

  interface Cancellable {
    /** Stops the task if it has not started; harmless afterwards. */
    void cancel();
  }
}
