package dev.p2pchat.server.signal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p2pchat.protocol.identity.Username;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client's WebSocket: its challenge, the user it authenticated as (once), and what it
 * watches. Jetty delivers one message of a connection at a time, so the fields below change on
 * one thread at a time; they are still guarded as noted, because replies and presence are sent
 * to this connection from other connections' threads.
 */
public final class Connection {
  private static final AtomicLong IDS = new AtomicLong();

  private final long id = IDS.incrementAndGet();
  private final ClientSocket socket;
  private final Challenge challenge;
  private boolean challengeUsed; // guarded by this
  private volatile Username user;

  /** The users this connection watches; guarded by {@link PresenceHub}'s lock. */
  final Set<Username> watching = new HashSet<>();

  Connection(ClientSocket socket, Challenge challenge) {
    this.socket = socket;
    this.challenge = challenge;
  }

  public long id() {
    return id;
  }

  String nonce() {
    return challenge.nonce();
  }

  /** True once: for the first {@code hello}, if the challenge has not expired. */
  synchronized boolean redeemChallenge(Instant now) {
    boolean firstUse = !challengeUsed;
    challengeUsed = true;
    return firstUse && challenge.isValidAt(now);
  }

  /** The authenticated user, or null before {@code welcome}. */
  public Username user() {
    return user;
  }

  boolean isAuthenticated() {
    return user != null;
  }

  void authenticatedAs(Username authenticated) {
    if (user != null) {
      throw new IllegalStateException("a connection authenticates once");
    }
    user = authenticated;
  }

  String remoteAddress() {
    return socket.remoteAddress();
  }

  void send(ObjectNode message) {
    socket.send(Replies.text(message));
  }

  void close(int code, String reason) {
    socket.close(code, reason);
  }

  @Override
  public String toString() {
    return "Connection[" + id + (user == null ? "" : " " + user) + " from " + socket.remoteAddress() + "]";
  }
}
