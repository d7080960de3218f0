package dev.p2pchat.client.link;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p2pchat.client.event.PathKind;
import dev.p2pchat.client.identity.Identity;
import dev.p2pchat.client.identity.PublicKeys;
import dev.p2pchat.client.signalling.ServerMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-memory {@link PeerLinks} for tests of the chat client and the command line (shipped in main
 * sources, like traversal's simulated internet, so that other modules' tests can use it): two
 * clients on one {@link Switchboard} connect
 * when both have called {@code connect} with each other's description. Like the real session layer,
 * a link refuses a peer whose static key is not the pinned one, delivers in order, acknowledges a
 * message only after the receiver's callback returned, and loses unacknowledged messages when it
 * breaks.
 */
public final class LoopbackLinks implements PeerLinks {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The "network" the clients share: pairs attempts by token, runs deliveries on one thread. */
  public static final class Switchboard implements AutoCloseable {
    private final Map<String, LoopbackLink> waiting = new ConcurrentHashMap<>();
    private final List<LoopbackLink> links = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ExecutorService wire = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name("wire").unstarted(r));
    private final AtomicInteger ports = new AtomicInteger(40000);
    private volatile boolean dropping;

    synchronized void register(String mine, String theirs, LoopbackLink link) {
      LoopbackLink peer = waiting.remove(theirs);
      if (peer != null && peer.remoteToken.equals(mine)) {
        link.peer = peer;
        peer.peer = link;
        links.add(link);
        links.add(peer);
        wire.execute(() -> {
          peer.establish();
          link.establish();
        });
      } else {
        waiting.put(mine, link);
      }
    }

    /** Breaks every established link, as a dead path would. */
    public void breakAll(String reason) {
      wire.execute(() -> links.forEach(link -> link.broken(reason)));
    }

    /** While true, messages vanish on the wire (the sender keeps them unacknowledged). */
    public void dropMessages(boolean value) {
      dropping = value;
    }

    @Override
    public void close() {
      wire.shutdownNow();
    }
  }

  private final Switchboard board;
  private final Identity self;

  public LoopbackLinks(Switchboard board, Identity self) {
    this.board = board;
    this.self = self;
  }

  @Override
  public void useServers(ServerMessage.Welcome welcome) {}

  @Override
  public CompletableFuture<Optional<String>> publicAddress() {
    return CompletableFuture.completedFuture(Optional.of("127.0.0.1:" + board.ports.incrementAndGet()));
  }

  @Override
  public CompletableFuture<LinkAttempt> prepare() {
    return CompletableFuture.completedFuture(new Attempt(UUID.randomUUID().toString()));
  }

  @Override
  public void close() {}

  private final class Attempt implements LinkAttempt {
    private final String token;

    Attempt(String token) {
      this.token = token;
    }

    @Override
    public ObjectNode description() {
      return JSON.createObjectNode().put("token", token).put("dh", self.publicKeys().dh().toText());
    }

    @Override
    public Link connect(ObjectNode remote, LinkRole role, PublicKeys peerKeys, LinkListener listener) {
      if (!remote.path("token").isTextual() || !remote.path("dh").isTextual()) {
        throw new IllegalArgumentException("no token");
      }
      LoopbackLink link = new LoopbackLink(board, remote.get("token").asText(), listener);
      if (!remote.get("dh").asText().equals(peerKeys.dh().toText())) {
        // What the Noise IK handshake does when the responder's static key is not the expected one.
        board.wire.execute(() -> listener.onClosed("handshake failed: the peer's key is not the pinned one"));
        return link;
      }
      board.register(token, link.remoteToken, link);
      return link;
    }

    @Override
    public void cancel() {}
  }

  static final class LoopbackLink implements Link {
    private final Switchboard board;
    final String remoteToken;
    private final LinkListener listener;
    volatile LoopbackLink peer;
    private volatile boolean established;
    private volatile boolean closed;
    private final List<Runnable> queued = new ArrayList<>();
    private final int port;

    LoopbackLink(Switchboard board, String remoteToken, LinkListener listener) {
      this.board = board;
      this.remoteToken = remoteToken;
      this.listener = listener;
      this.port = board.ports.incrementAndGet();
    }

    void establish() {
      established = true;
      listener.onEstablished(PathKind.DIRECT, "127.0.0.1:" + peer.port);
      List<Runnable> pending;
      synchronized (queued) {
        pending = new ArrayList<>(queued);
        queued.clear();
      }
      pending.forEach(Runnable::run);
    }

    void broken(String reason) {
      if (!closed) {
        closed = true;
        listener.onClosed(reason);
      }
    }

    @Override
    public void send(UUID id, byte[] payload) {
      Runnable delivery = () -> {
        LoopbackLink to = peer;
        if (closed || board.dropping || to == null || to.closed) {
          return;
        }
        to.listener.onMessage(id, payload.clone());
        listener.onDelivered(id); // the ACK: only after the receiver stored the message
      };
      synchronized (queued) {
        if (!established) {
          queued.add(() -> board.wire.execute(delivery));
          return;
        }
      }
      board.wire.execute(delivery);
    }

    @Override
    public LinkStatus status() {
      return established
          ? new LinkStatus(true, Optional.of(PathKind.DIRECT), Optional.of("127.0.0.1:" + port), Optional.of(java.time.Duration.ofMillis(1)))
          : LinkStatus.connecting();
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        LoopbackLink to = peer;
        if (to != null) {
          board.wire.execute(() -> to.broken("peer closed the session"));
        }
      }
    }
  }
}
