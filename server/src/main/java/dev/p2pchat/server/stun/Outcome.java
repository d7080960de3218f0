package dev.p2pchat.server.stun;

import java.net.InetSocketAddress;

/** What to do with one Binding message: reply, accept silently, or drop (and count why). */
sealed interface Outcome {

  /** Send {@code datagram} from the server endpoint {@code from} to {@code to}. */
  record Reply(InetSocketAddress from, InetSocketAddress to, byte[] datagram) implements Outcome {}

  /** A Binding indication: a keepalive, nothing to send (RFC 8489 §6.3.2). */
  record Accepted() implements Outcome {}

  /** Nothing to send; {@code malformed} chooses the counter, {@code why} is for the debug log. */
  record Dropped(boolean malformed, String why) implements Outcome {}
}
