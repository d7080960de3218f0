package dev.p2pchat.client.link;

import dev.p2pchat.traversal.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A {@link Link} whose session does not exist yet (checks are running): holds sends until the session
 * is opened, and closes the path if the user gives up first.
 */
final class PendingLink implements Link {
  private record Held(UUID id, byte[] payload) {}

  private final List<Held> held = new ArrayList<>();
  private Link session;
  private Path path;
  private boolean closed;

  synchronized void attach(Path newPath, Supplier<Link> open) {
    if (closed) {
      newPath.close();
      return;
    }
    path = newPath;
    session = open.get();
    held.forEach(h -> session.send(h.id(), h.payload()));
    held.clear();
  }

  @Override
  public synchronized void send(UUID id, byte[] payload) {
    if (session != null) {
      session.send(id, payload);
    } else if (!closed) {
      held.add(new Held(id, payload.clone()));
    }
  }

  @Override
  public synchronized LinkStatus status() {
    return session != null ? session.status() : LinkStatus.connecting();
  }

  @Override
  public synchronized void close() {
    closed = true;
    held.clear();
    if (session != null) {
      session.close();
    }
    if (path != null) {
      path.close();
    }
  }
}
