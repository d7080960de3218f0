package dev.p2pchat.bench.jmh;

import dev.p2pchat.protocol.reliable.InMemoryDeliveredIds;
import dev.p2pchat.protocol.reliable.MessageId;
import dev.p2pchat.protocol.reliable.ReliableStream;
import dev.p2pchat.protocol.reliable.SendResult;
import dev.p2pchat.protocol.reliable.StreamConfig;
import dev.p2pchat.protocol.reliable.StreamEvent;
import java.time.Duration;
import java.time.Instant;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One chat message through two {@link ReliableStream}s, without network or crypto: queue, packetise,
 * receive and deliver, acknowledge, and take the ACK back. The clock advances past the delayed-ACK
 * timer on every message, so each op is a full send-deliver-acknowledge cycle.
 */
@State(Scope.Thread)
public class ReliableStreamBench {
  private static final Duration STEP = Duration.ofMillis(30);

  private ReliableStream alice;
  private ReliableStream bob;
  private final byte[] line = new byte[128];
  private Instant now;
  private long next;
  private long delivered;
  private long acknowledged;

  @Setup
  public void setUp() {
    alice = new ReliableStream(StreamConfig.defaults(), new InMemoryDeliveredIds());
    bob = new ReliableStream(StreamConfig.defaults(), new InMemoryDeliveredIds());
    now = Instant.parse("2026-01-01T00:00:00Z");
    next = delivered = acknowledged = 0;
  }

  @Benchmark
  public long messageCycle() {
    if (alice.send(new MessageId(1, next++), line) != SendResult.ACCEPTED) {
      throw new IllegalStateException("send window full: ACKs are not coming back");
    }
    for (byte[] packet : alice.collect(now)) {
      for (StreamEvent event : bob.receive(packet, now)) {
        if (event instanceof StreamEvent.MessageReceived) {
          delivered++;
        }
      }
    }
    now = now.plus(STEP);
    for (byte[] packet : bob.collect(now)) {
      for (StreamEvent event : alice.receive(packet, now)) {
        if (event instanceof StreamEvent.MessageAcknowledged) {
          acknowledged++;
        }
      }
    }
    return acknowledged;
  }

  /** Every message sent must have been delivered once and acknowledged, or the figure is fiction. */
  @TearDown
  public void check() {
    if (delivered != next || acknowledged != next) {
      throw new IllegalStateException(next + " sent, " + delivered + " delivered, " + acknowledged + " acknowledged");
    }
  }
}
