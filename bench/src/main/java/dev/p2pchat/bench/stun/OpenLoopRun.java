package dev.p2pchat.bench.stun;

import java.io.IOException;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.BitSet;
import java.util.Iterator;
import java.util.Optional;

/**
 * One open-loop step: requests are scheduled at a fixed rate from the start time, request {@code k}
 * at {@code start + k / rate}, and sent when due whether or not earlier ones were answered, so a
 * slow server cannot slow the offered load down (no coordinated omission). Latency is measured from
 * the scheduled time, so the generator's own lateness counts against nobody but is visible.
 *
 * <p>One thread does everything, sends and receives interleaved: the generator runs pinned to one
 * core, where a second thread would only add context switches.
 */
final class OpenLoopRun {
  /** Sends between two looks at the receive side, so a catch-up burst cannot overflow our buffers. */
  private static final int MAX_BURST = 32;
  /** Every this many answers one is fully decoded and its mapped address checked. */
  private static final int VERIFY_EVERY = 4096;
  private static final int MAX_DATAGRAM = 2048;

  private final LoadSockets sockets;
  private final Duration drain;
  private final ByteBuffer request = ByteBuffer.allocateDirect(BindingProbe.REQUEST_LENGTH);
  private final ByteBuffer answer = ByteBuffer.allocateDirect(MAX_DATAGRAM);

  OpenLoopRun(LoadSockets sockets, Duration drain) {
    this.sockets = sockets;
    this.drain = drain;
  }

  StepResult run(long rate, Duration duration, int tag) throws IOException {
    BindingProbe probe = new BindingProbe(tag);
    request.clear().put(BindingProbe.template(tag)).flip();
    long total = Math.max(1, rate * duration.toMillis() / 1000);
    Counters c = new Counters(total);
    double perNano = rate / 1e9;
    long start = System.nanoTime() + 1_000_000;
    long sendEnd = start + duration.toNanos();
    long giveUp = sendEnd + drain.toNanos();
    // Throughput is counted once the first fifth of the step has filled the pipeline.
    c.windowStart = start + duration.toNanos() / 5;
    c.windowEnd = sendEnd;
    while (true) {
      long now = System.nanoTime();
      if (c.sent < total && now < sendEnd && now >= start) {
        long due = Math.min(total, (long) ((now - start) * perNano) + 1);
        sendDue(probe, c, Math.min(due, c.sent + MAX_BURST));
      }
      receive(probe, c, start, perNano);
      if (now >= giveUp || (now >= sendEnd && c.answered == c.sent)) {
        break;
      }
    }
    double sentRate = c.sent / (duration.toNanos() / 1e9);
    double answeredRate = c.inWindow / ((c.windowEnd - c.windowStart) / 1e9);
    return new StepResult(rate, sentRate, answeredRate, c.sent, c.answered, c.latency.percentileMicros(0.50),
        c.latency.percentileMicros(0.99), c.invalid);
  }

  private void sendDue(BindingProbe probe, Counters c, long due) throws IOException {
    while (c.sent < due) {
      DatagramChannel channel = sockets.get((int) (c.sent % sockets.size()));
      probe.stamp(request, c.sent);
      request.rewind();
      try {
        if (channel.write(request) == 0) {
          return; // the socket's send buffer is full: try again on the next turn of the loop
        }
      } catch (PortUnreachableException e) {
        // an ICMP error from an earlier datagram (server not there yet or gone): that one is lost
      }
      c.sent++;
    }
  }

  private void receive(BindingProbe probe, Counters c, long start, double perNano) throws IOException {
    if (sockets.selector().selectNow() == 0) {
      return;
    }
    Iterator<SelectionKey> keys = sockets.selector().selectedKeys().iterator();
    while (keys.hasNext()) {
      SelectionKey key = keys.next();
      keys.remove();
      DatagramChannel channel = (DatagramChannel) key.channel();
      while (readOne(channel)) {
        long now = System.nanoTime();
        long seq = probe.sequenceOf(answer, answer.position());
        if (seq < 0 || seq >= c.sent || c.seen.get((int) seq)) {
          continue; // another run's, a forgery, or a duplicate
        }
        c.seen.set((int) seq);
        c.answered++;
        if (now >= c.windowStart && now < c.windowEnd) {
          c.inWindow++;
        }
        c.latency.record(now - (start + (long) (seq / perNano)));
        if (seq % VERIFY_EVERY == 0) {
          verify(c, seq);
        }
      }
    }
  }

  private boolean readOne(DatagramChannel channel) throws IOException {
    answer.clear();
    try {
      return channel.read(answer) > 0;
    } catch (PortUnreachableException e) {
      return true; // nothing read; the next read tells whether more is waiting
    }
  }

  private void verify(Counters c, long seq) {
    byte[] bytes = new byte[answer.position()];
    answer.get(0, bytes);
    Optional<String> problem = BindingProbe.verify(bytes, sockets.local((int) (seq % sockets.size())));
    if (problem.isPresent()) {
      c.invalid++;
      if (c.invalid == 1) {
        System.err.println("stun-load: invalid answer: " + problem.get());
      }
    }
  }

  private static final class Counters {
    final BitSet seen;
    final LatencyHistogram latency = new LatencyHistogram();
    long sent;
    long answered;
    long invalid;
    long inWindow;
    long windowStart;
    long windowEnd;

    Counters(long total) {
      if (total > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("a step of " + total + " requests is too long");
      }
      seen = new BitSet((int) total);
    }
  }
}
