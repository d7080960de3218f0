package dev.p2pchat.client.link;

import dev.p2pchat.client.event.PathKind;
import dev.p2pchat.protocol.reliable.MessageId;
import dev.p2pchat.protocol.reliable.SendResult;
import dev.p2pchat.session.ChatSession;
import dev.p2pchat.session.SecurityEvent;
import dev.p2pchat.session.SessionListener;
import dev.p2pchat.session.SessionState;
import dev.p2pchat.session.SessionStatus;
import dev.p2pchat.traversal.loop.TaskLoop;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChatSession} seen as a {@link Link}. The chat engine reconnects on {@link LinkListener#onClosed}
 * and re-offers its outbox to the next link, so a lost path ends the link here rather than waiting in
 * the session (a new attempt gathers fresh candidates). A security event ends it too, with a reason the
 * user sees.
 */
final class SessionLink implements Link, SessionListener {
  private static final Logger LOG = LoggerFactory.getLogger(SessionLink.class);

  private final LinkListener listener;
  private final TaskLoop loop;
  private final boolean ownsLoop;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile ChatSession session;
  private boolean ended;

  SessionLink(LinkListener listener, TaskLoop loop, boolean ownsLoop) {
    this.listener = listener;
    this.loop = loop;
    this.ownsLoop = ownsLoop;
  }

  synchronized void attach(ChatSession opened) {
    session = opened;
    if (ended) {
      endSessionLocked();
    }
  }

  @Override
  public void send(UUID id, byte[] payload) {
    session.send(MessageId.of(id), payload);
  }

  @Override
  public LinkStatus status() {
    SessionStatus s = session.status();
    boolean up = s.state() == SessionState.ESTABLISHED;
    return new LinkStatus(up, Optional.of(kind(s.pathKind())), Optional.of(text(s.remote())), up ? s.rtt() : Optional.empty());
  }

  @Override
  public void close() {
    closed.set(true); // the engine closed it: no onClosed back
    endSession();
  }

  /** Once: closes the session, then the loop it owned. A callback may get here before {@link #attach}. */
  private synchronized void endSession() {
    if (!ended) {
      ended = true;
      if (session != null) {
        endSessionLocked();
      }
    }
  }

  private void endSessionLocked() {
    session.close();
    if (ownsLoop && loop instanceof AutoCloseable closeable) {
      loop.execute(() -> {
        try {
          closeable.close(); // queued after the session's close task, so CLOSE is sent first
        } catch (Exception e) {
          LOG.debug("closing a session loop", e);
        }
      });
    }
  }

  private void closed(String reason) {
    if (closed.compareAndSet(false, true)) {
      listener.onClosed(reason);
    }
    endSession();
  }

  @Override
  public void onEstablished(dev.p2pchat.session.PathKind kind, InetSocketAddress remote) {
    listener.onEstablished(kind(kind), text(remote));
  }

  @Override
  public void onMessage(MessageId id, byte[] payload) {
    listener.onMessage(id.toUuid(), payload);
  }

  @Override
  public void onDelivered(MessageId id) {
    listener.onDelivered(id.toUuid());
  }

  @Override
  public void onSendRefused(MessageId id, SendResult result) {
    LOG.warn("message {} refused by the session: {}", id, result);
  }

  @Override
  public void onPathChanged(dev.p2pchat.session.PathKind kind, InetSocketAddress remote) {
    listener.onPathChanged(kind(kind), text(remote));
  }

  /** The link ends with the path: {@code disconnected} says why, as the traversal layer saw it. */
  @Override
  public void onPathLost(String reason) {
    closed("path lost: " + (reason.startsWith("lost: ") ? reason.substring("lost: ".length()) : reason));
  }

  @Override
  public void onStateChanged(SessionState state) {
    if (state == SessionState.WAITING_FOR_PATH) {
      closed("path lost: the peer stopped answering"); // only if no reason came first (closed once)
    }
  }

  @Override
  public void onClosed(String reason) {
    closed(reason);
  }

  @Override
  public void onSecurityEvent(SecurityEvent event) {
    closed(switch (event) {
      case SecurityEvent.UnexpectedPeerKey u ->
          "security: the peer authenticated with key " + u.presented().fingerprint() + ", not the pinned one";
      case SecurityEvent.HandshakeFailed f ->
          "handshake failed (" + f.reason() + "): the peer's handshake did not authenticate; it may hold another key for us";
    });
  }

  private static PathKind kind(dev.p2pchat.session.PathKind kind) {
    return kind == dev.p2pchat.session.PathKind.RELAYED ? PathKind.RELAYED : PathKind.DIRECT;
  }

  private static String text(InetSocketAddress address) {
    return address.getAddress().getHostAddress() + ":" + address.getPort();
  }
}
