package dev.p2pchat.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p2pchat.client.event.PathKind;
import dev.p2pchat.client.identity.PublicKeys;
import dev.p2pchat.client.link.Link;
import dev.p2pchat.client.link.LinkAttempt;
import dev.p2pchat.client.link.LinkListener;
import dev.p2pchat.client.link.LinkRole;
import dev.p2pchat.client.link.PeerLinks;
import dev.p2pchat.client.signalling.ServerMessage;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Wraps a {@link PeerLinks} and loses acknowledgements on the way back while {@link #dropAcks} is
 * set: the peer stored the message, the sender never learns it, as when a path dies (or the sender
 * crashes) between the delivery and its ACK.
 */
final class FaultyLinks implements PeerLinks {
  private final PeerLinks inner;
  volatile boolean dropAcks;

  FaultyLinks(PeerLinks inner) {
    this.inner = inner;
  }

  @Override
  public void useServers(ServerMessage.Welcome welcome) {
    inner.useServers(welcome);
  }

  @Override
  public CompletableFuture<Optional<String>> publicAddress() {
    return inner.publicAddress();
  }

  @Override
  public CompletableFuture<LinkAttempt> prepare() {
    return inner.prepare().thenApply(Attempt::new);
  }

  @Override
  public void close() {
    inner.close();
  }

  private final class Attempt implements LinkAttempt {
    private final LinkAttempt attempt;

    Attempt(LinkAttempt attempt) {
      this.attempt = attempt;
    }

    @Override
    public ObjectNode description() {
      return attempt.description();
    }

    @Override
    public Link connect(ObjectNode remote, LinkRole role, PublicKeys peerKeys, LinkListener listener) {
      return attempt.connect(remote, role, peerKeys, new AckFilter(listener));
    }

    @Override
    public void cancel() {
      attempt.cancel();
    }
  }

  private final class AckFilter implements LinkListener {
    private final LinkListener listener;

    AckFilter(LinkListener listener) {
      this.listener = listener;
    }

    @Override
    public void onEstablished(PathKind path, String remote) {
      listener.onEstablished(path, remote);
    }

    @Override
    public void onMessage(UUID id, byte[] payload) {
      listener.onMessage(id, payload);
    }

    @Override
    public void onDelivered(UUID id) {
      if (!dropAcks) {
        listener.onDelivered(id);
      }
    }

    @Override
    public void onPathChanged(PathKind path, String remote) {
      listener.onPathChanged(path, remote);
    }

    @Override
    public void onClosed(String reason) {
      listener.onClosed(reason);
    }
  }
}
