package dev.p2pchat.bench.rtt;

import java.io.IOException;

/** One side of a ping-pong set-up: sends a message to an echoing peer and waits for its answer. */
interface Pinger extends AutoCloseable {
  /** Sends {@code message} and returns when the echo came back (or throws after a timeout). */
  void ping(byte[] message) throws IOException, InterruptedException;

  @Override
  void close() throws IOException;
}
