package dev.p2pchat.server.signal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The real {@link Scheduler}: one daemon timer thread; tasks must be short. */
public final class ExecutorScheduler implements Scheduler, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExecutorScheduler.class);
  private final ScheduledExecutorService executor;

  public ExecutorScheduler(String threadName) {
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    ScheduledFuture<?> future;
    try {
      future = schedule(delay, task, executor);
    } catch (RejectedExecutionException e) {
      // The server is stopping; sockets closing now need no presence timers.
      return () -> {};
    }
    return () -> future.cancel(false);
  }

  private static ScheduledFuture<?> schedule(Duration delay, Runnable task, ScheduledExecutorService executor) {
    return executor.schedule(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.error("scheduled task failed", e);
      }
    }, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
