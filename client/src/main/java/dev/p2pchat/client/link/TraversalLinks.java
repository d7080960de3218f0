package dev.p2pchat.client.link;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p2pchat.client.identity.Identity;
import dev.p2pchat.client.identity.PublicKeys;
import dev.p2pchat.client.signalling.ServerMessage;
import dev.p2pchat.traversal.AgentConfig;
import dev.p2pchat.traversal.PeerDescription;
import dev.p2pchat.traversal.Role;
import dev.p2pchat.traversal.TraversalAgent;
import dev.p2pchat.traversal.loop.TaskLoop;
import dev.p2pchat.traversal.net.DatagramNetwork;
import dev.p2pchat.traversal.turn.TurnCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real {@link PeerLinks}: one {@link TraversalAgent} (one UDP socket) for all peers, opened at the
 * first login with the server's STUN servers and, if the server offers one, an allocation on its TURN
 * relay; each attempt gathers candidates (a RELAY one among them), runs the agent's checks, and hands the
 * selected {@link dev.p2pchat.traversal.Path} to the session layer.
 */
public final class TraversalLinks implements PeerLinks {
  private static final Logger LOG = LoggerFactory.getLogger(TraversalLinks.class);
  private final DatagramNetwork network;
  private final InetSocketAddress bind;
  private final TaskLoop loop;
  private final AgentConfig config;
  private final SessionOpener sessions;
  private final Identity identity;
  private final RandomGenerator random;
  private final ObjectMapper json = new ObjectMapper();
  private final CompletableFuture<TraversalAgent> agent = new CompletableFuture<>();

  public TraversalLinks(DatagramNetwork network, InetSocketAddress bind, TaskLoop loop, AgentConfig config,
      SessionOpener sessions, Identity identity, RandomGenerator random) {
    this.network = network;
    this.bind = bind;
    this.loop = loop;
    this.config = config;
    this.sessions = sessions;
    this.identity = identity;
    this.random = random;
  }

  @Override
  public synchronized void useServers(ServerMessage.Welcome welcome) {
    if (agent.isDone()) {
      // The socket (and its NAT mappings) stays for the life of the client; an allocation lost meanwhile
      // (the server restarted and forgot it) is made again with the new login's credentials.
      TraversalAgent opened = agent.getNow(null);
      if (opened != null && !opened.relayStands()) {
        RelayCredentials.from(welcome).ifPresent(credentials -> allocate(opened, credentials));
      }
      return;
    }
    try {
      TraversalAgent opened = TraversalAgent.open(network, bind, loop, config.withStunServers(stunServers(welcome)), random);
      RelayCredentials.from(welcome).ifPresent(credentials -> allocate(opened, credentials));
      agent.complete(opened);
    } catch (IOException e) {
      agent.completeExceptionally(new UncheckedIOException("cannot open the UDP socket on " + bind, e));
    }
  }

  /**
   * A relayed address on the server's TURN relay, the last resort when no direct pair works. Allocated
   * at login, so it is normally there before the first chat; nothing here waits for it: the agent's
   * gathering takes it alongside its STUN answers (bounded by the gather timeout), so the relay never
   * adds a serial wait in front of a direct attempt.
   */
  private static void allocate(TraversalAgent agent, TurnCredentials credentials) {
    agent.useRelay(credentials).whenComplete((endpoint, error) -> {
      if (error != null) {
        LOG.warn("no TURN relay ({}): direct connections only", error.getMessage());
      }
    });
  }

  /**
   * The welcome's STUN servers; none advertised (a server's default), the TURN relay's address instead:
   * a TURN server answers Binding requests too (RFC 8656 §2), and without any the client would learn
   * neither its public address nor a server-reflexive candidate.
   */
  static List<InetSocketAddress> stunServers(ServerMessage.Welcome welcome) {
    if (welcome.stun().isEmpty()) {
      return RelayCredentials.from(welcome).map(credentials -> List.of(credentials.server())).orElse(List.of());
    }
    List<InetSocketAddress> servers = new ArrayList<>();
    for (String hostPort : welcome.stun()) {
      int colon = hostPort.lastIndexOf(':');
      try {
        servers.add(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))));
      } catch (RuntimeException e) {
        // a malformed entry is skipped: the others (or host candidates alone) may still do
      }
    }
    return servers;
  }

  /**
   * What STUN saw after one gathering, not the SRFLX candidates: without a NAT between client and server
   * (one machine, a public host) the srflx equals a host candidate and is dropped as redundant, yet the
   * address is known all the same. Empty only when no STUN server answered.
   */
  @Override
  public CompletableFuture<Optional<String>> publicAddress() {
    return agent.thenCompose(a -> a.gather().thenApply(description -> a.serverReflexive().values().stream()
        .findFirst()
        .map(address -> address.getAddress().getHostAddress() + ":" + address.getPort())));
  }

  @Override
  public CompletableFuture<LinkAttempt> prepare() {
    long started = System.nanoTime();
    return agent.thenCompose(a -> a.gather().thenApply(description -> {
      LOG.debug("gathered {} candidates after {} ms", description.candidates().size(),
          (System.nanoTime() - started) / 1_000_000);
      return new Attempt(a, description);
    }));
  }

  @Override
  public void close() {
    agent.thenAccept(TraversalAgent::close);
    if (loop instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing the traversal loop", e);
      }
    }
  }

  private final class Attempt implements LinkAttempt {
    private final TraversalAgent agent;
    private final PeerDescription local;

    Attempt(TraversalAgent agent, PeerDescription local) {
      this.agent = agent;
      this.local = local;
    }

    @Override
    public ObjectNode description() {
      return json.valueToTree(local);
    }

    @Override
    public Link connect(ObjectNode remote, LinkRole role, PublicKeys peerKeys, LinkListener listener) {
      PeerDescription peer;
      try {
        peer = json.treeToValue(remote, PeerDescription.class);
      } catch (JsonProcessingException | IllegalArgumentException e) {
        throw new IllegalArgumentException("not a peer description: " + e.getMessage());
      }
      PendingLink link = new PendingLink();
      Role traversalRole = role == LinkRole.CONTROLLING ? Role.CONTROLLING : Role.CONTROLLED;
      long checksStarted = System.nanoTime();
      agent.connect(local, peer, traversalRole).whenComplete((path, error) -> {
        LOG.debug("connectivity checks ({}) done after {} ms: {}", traversalRole,
            (System.nanoTime() - checksStarted) / 1_000_000, error == null ? path : error.toString());
        if (error != null) {
          Throwable cause = error.getCause() != null ? error.getCause() : error;
          listener.onClosed("no path to the peer: " + cause.getMessage());
        } else {
          link.attach(path, () -> sessions.open(path, role, identity.dhKeyPair(), peerKeys, listener));
        }
      });
      return link;
    }

    @Override
    public void cancel() {}
  }
}
