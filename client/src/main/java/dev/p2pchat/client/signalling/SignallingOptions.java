package dev.p2pchat.client.signalling;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.random.RandomGenerator;

/**
 * Timing and randomness of a {@link SignallingClient}, as parameters so that tests can make them
 * short and deterministic.
 *
 * @param backoff reconnect delays
 * @param connectTimeout for the TCP/WebSocket handshake
 * @param requestTimeout for an answer to {@code lookup} or {@code signal}
 * @param pingInterval a {@code ping} is sent this often; silence for twice as long drops the connection
 */
public record SignallingOptions(
    Backoff backoff,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration pingInterval,
    InstantSource clock,
    RandomGenerator random) {

  public static SignallingOptions defaults() {
    return new SignallingOptions(
        Backoff.DEFAULT,
        Duration.ofSeconds(10),
        Duration.ofSeconds(10),
        Duration.ofSeconds(15),
        InstantSource.system(),
        new SecureRandom());
  }

  public SignallingOptions withBackoff(Backoff newBackoff) {
    return new SignallingOptions(newBackoff, connectTimeout, requestTimeout, pingInterval, clock, random);
  }

  public SignallingOptions withRequestTimeout(Duration timeout) {
    return new SignallingOptions(backoff, connectTimeout, timeout, pingInterval, clock, random);
  }

  public SignallingOptions withPingInterval(Duration interval) {
    return new SignallingOptions(backoff, connectTimeout, requestTimeout, interval, clock, random);
  }

  /** The client's owner thread: one daemon thread, so that it never keeps the JVM alive. */
  ScheduledExecutorService newLoop() {
    var loop = new ScheduledThreadPoolExecutor(
        1, runnable -> Thread.ofPlatform().daemon().name("signalling").unstarted(runnable));
    // On close, pending timers (reconnects, request timeouts) are moot: do not wait for them.
    loop.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    loop.setRemoveOnCancelPolicy(true);
    return loop;
  }
}
