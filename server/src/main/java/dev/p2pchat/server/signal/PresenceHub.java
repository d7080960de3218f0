package dev.p2pchat.server.signal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p2pchat.protocol.identity.Username;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Who is online, who watches whom, and the grace period after a socket drops: the one piece of
 * signalling state shared between connections.
 *
 * <p>Locking: every field is guarded by {@code lock}, held for map updates and for queueing
 * presence messages (Jetty's send only enqueues, so it never blocks under the lock, and sending
 * under it keeps each watcher's presence messages in state order). Never held while calling the
 * registry or closing a socket. It is the innermost lock of the signalling code; Jetty's own
 * locks are taken inside it and never call back into it.
 *
 * <p>A user is online from {@link #attach} until {@code grace} after its connection's {@link
 * #detach}; a new attach within the grace cancels the pending "offline" and watchers see nothing.
 */
public final class PresenceHub {
  private final Scheduler scheduler;
  private final Duration grace;
  private final Consumer<Username> wentOffline;

  private final Object lock = new Object();
  private final Map<Username, Connection> online = new HashMap<>();
  private final Map<Username, Leaving> leaving = new HashMap<>();
  private final Map<Username, Set<Connection>> watchers = new HashMap<>();

  /** A dropped user's pending "offline"; {@code token} tells this timer from a later one. */
  private record Leaving(Object token, Scheduler.Cancellable timer) {}

  /**
   * @param wentOffline called (outside the lock) when a user's grace period ends, e.g. to record
   *     {@code last_seen}
   */
  public PresenceHub(Scheduler scheduler, Duration grace, Consumer<Username> wentOffline) {
    this.scheduler = scheduler;
    this.grace = grace;
    this.wentOffline = wentOffline;
  }

  /**
   * Makes {@code conn} its user's connection, sending it {@code welcome} first; an older connection
   * is told {@code replaced} and closed. Both happen under the lock, so the client cannot see
   * {@code welcome} before others see it online, and nothing forwarded to it can overtake
   * {@code welcome}.
   */
  public void attach(Connection conn, ObjectNode welcome) {
    Username user = conn.user();
    Connection replaced;
    synchronized (lock) {
      conn.send(welcome);
      replaced = online.put(user, conn);
      Leaving pending = leaving.remove(user);
      if (pending != null) {
        pending.timer().cancel();
      }
      if (replaced != null) {
        dropWatchesLocked(replaced);
      } else if (pending == null) {
        pushLocked(user, true);
      }
    }
    if (replaced != null) {
      replaced.send(Replies.error(ErrorCode.REPLACED, "logged in from another connection", null));
      replaced.close(SignalLimits.CLOSE_REPLACED, "replaced");
    }
  }

  /** {@code conn}'s socket is gone: forget its watches; if it was its user's, start the grace. */
  public void detach(Connection conn) {
    synchronized (lock) {
      dropWatchesLocked(conn);
      Username user = conn.user();
      if (user == null || online.get(user) != conn) {
        return;
      }
      online.remove(user);
      Object token = new Object();
      // The timer may fire at once (grace 0) but then waits for this lock, by which time the
      // entry below is in place.
      leaving.put(user, new Leaving(token, scheduler.schedule(grace, () -> graceEnded(user, token))));
    }
  }

  private void graceEnded(Username user, Object token) {
    synchronized (lock) {
      Leaving pending = leaving.get(user);
      if (pending == null || pending.token() != token) {
        return;
      }
      leaving.remove(user);
      pushLocked(user, false);
    }
    wentOffline.accept(user);
  }

  /**
   * Adds watches and returns each user's presence now, in order. Throws {@code bad-request} if the
   * connection would watch more than {@link SignalLimits#MAX_WATCHED_USERS}; then nothing changes.
   */
  public Map<Username, Boolean> watch(Connection conn, List<Username> users) {
    synchronized (lock) {
      long added = users.stream().filter(u -> !conn.watching.contains(u)).count();
      if (conn.watching.size() + added > SignalLimits.MAX_WATCHED_USERS) {
        throw Json.badRequest("users", "would make more than " + SignalLimits.MAX_WATCHED_USERS + " watched users");
      }
      Map<Username, Boolean> now = new LinkedHashMap<>();
      for (Username user : users) {
        conn.watching.add(user);
        watchers.computeIfAbsent(user, u -> new HashSet<>()).add(conn);
        now.put(user, isOnlineLocked(user));
      }
      return now;
    }
  }

  public void unwatch(Connection conn, List<Username> users) {
    synchronized (lock) {
      for (Username user : users) {
        conn.watching.remove(user);
        removeWatcherLocked(user, conn);
      }
    }
  }

  /** Online, or dropped less than the grace period ago. */
  public boolean isOnline(Username user) {
    synchronized (lock) {
      return isOnlineLocked(user);
    }
  }

  /** The user's live connection, if it has one (not during the grace period). */
  public Optional<Connection> connectionOf(Username user) {
    synchronized (lock) {
      return Optional.ofNullable(online.get(user));
    }
  }

  public int onlineCount() {
    synchronized (lock) {
      return online.size() + leaving.size();
    }
  }

  private boolean isOnlineLocked(Username user) {
    return online.containsKey(user) || leaving.containsKey(user);
  }

  private void pushLocked(Username user, boolean isOnline) {
    Set<Connection> audience = watchers.get(user);
    if (audience != null) {
      // A copy: a send may fail and close a socket, and nothing may change the set mid-loop.
      for (Connection watcher : List.copyOf(audience)) {
        watcher.send(Replies.presence(user, isOnline));
      }
    }
  }

  private void dropWatchesLocked(Connection conn) {
    for (Username user : conn.watching) {
      removeWatcherLocked(user, conn);
    }
    conn.watching.clear();
  }

  private void removeWatcherLocked(Username user, Connection conn) {
    Set<Connection> audience = watchers.get(user);
    if (audience != null && audience.remove(conn) && audience.isEmpty()) {
      watchers.remove(user);
    }
  }
}
