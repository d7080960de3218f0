package dev.p2pchat.client.room;

import dev.p2pchat.server.turn.SimTurnServer;
import dev.p2pchat.traversal.AgentConfig;
import dev.p2pchat.traversal.Futures;
import dev.p2pchat.traversal.Path;
import dev.p2pchat.traversal.PeerDescription;
import dev.p2pchat.traversal.Role;
import dev.p2pchat.traversal.TraversalAgent;
import dev.p2pchat.traversal.sim.SimHost;
import dev.p2pchat.traversal.sim.SimScheduler;
import dev.p2pchat.traversal.sim.SimulatedInternet;
import dev.p2pchat.traversal.sim.StunResponder;
import dev.p2pchat.traversal.turn.RelayedEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the traversal stack achieves between two NAT types: two {@link TraversalAgent}s on a fresh
 * simulated internet (an RFC 5780 STUN server, as the server runs with an alternate address, so the
 * hard-NAT work runs; and our relay when {@code relay}), offer and answer as signalling carries them,
 * then the path they end on — checked after the connect timeout, since a relayed path moves to a
 * direct one found later — and the round trip of a frame echoed over it. Each (pair of types, relay)
 * is run once and cached.
 */
record NatPairPath(Reach reach, Duration rtt) {
  enum Reach { DIRECT, RELAYED, NONE }

  private static final Duration SIGNALLING = Duration.ofMillis(60);
  private static final Map<String, NatPairPath> CACHE = new ConcurrentHashMap<>();

  static NatPairPath between(NatType a, NatType b, boolean relay) {
    NatType offerer = a.compareTo(b) <= 0 ? a : b;
    NatType answerer = offerer == a ? b : a;
    return CACHE.computeIfAbsent(offerer + "/" + answerer + "/" + relay, k -> run(offerer, answerer, relay));
  }

  private static NatPairPath run(NatType offererType, NatType answererType, boolean relay) {
    SimulatedInternet net = new SimulatedInternet(31L * offererType.ordinal() + answererType.ordinal());
    SimHost stun1 = net.addPublicHost("198.18.0.11");
    SimHost stun2 = net.addPublicHost("198.18.0.12");
    StunResponder.withAlternate(stun1.bind(3478), stun1.bind(3479), stun2.bind(3478), stun2.bind(3479));
    AgentConfig config = AgentConfig.defaults().withStunServers(List.of(new InetSocketAddress(stun1.address(), 3478)));
    TraversalAgent offerer = agent(net, offererType.host(net, "198.18.1.1"), config);
    TraversalAgent answerer = agent(net, answererType.host(net, "198.18.2.1"), config);
    if (relay) {
      SimTurnServer turn = new SimTurnServer(net, net.addPublicHost("198.18.0.10"), c -> c);
      allocate(net, offerer, turn, "offerer");
      allocate(net, answerer, turn, "answerer");
    }
    List<CompletableFuture<Path>> paths = connect(net.scheduler(), offerer, answerer, config.connectTimeout());
    if (paths.stream().anyMatch(f -> !f.isDone() || f.isCompletedExceptionally())) {
      return new NatPairPath(Reach.NONE, Duration.ZERO);
    }
    net.scheduler().runFor(config.connectTimeout()); // the checks for a direct pair go on until then
    Path a = paths.get(0).join();
    Path b = paths.get(1).join();
    if (a.kind() != b.kind()) {
      throw new AssertionError("the two ends disagree on the path: " + a + " and " + b);
    }
    return new NatPairPath(a.kind() == Path.Kind.DIRECT ? Reach.DIRECT : Reach.RELAYED, echo(net.scheduler(), a, b));
  }

  private static TraversalAgent agent(SimulatedInternet net, SimHost host, AgentConfig config) {
    try {
      return TraversalAgent.open(host, net.scheduler(), config, new SplittableRandom(net.random().nextLong()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void allocate(SimulatedInternet net, TraversalAgent agent, SimTurnServer turn, String user) {
    Instant expiry = net.scheduler().now().plus(Duration.ofDays(1));
    CompletableFuture<RelayedEndpoint> allocated = agent.useRelay(SimTurnServer.credentials(turn.address(), user, expiry));
    net.scheduler().runUntil(allocated::isDone, Duration.ofMinutes(1));
    allocated.join();
  }

  /** Offer, answer and checks as the client runs them through signalling. */
  private static List<CompletableFuture<Path>> connect(SimScheduler loop, TraversalAgent offerer,
      TraversalAgent answerer, Duration connectTimeout) {
    CompletableFuture<Path> offererPath = new CompletableFuture<>();
    CompletableFuture<Path> answererPath = new CompletableFuture<>();
    offerer.gather().thenAccept(offer -> loop.schedule(SIGNALLING, () ->
        answerer.gather().thenAccept(answer -> connectBoth(loop, offer, answer, offerer, answerer,
            offererPath, answererPath))));
    loop.runUntil(() -> offererPath.isDone() && answererPath.isDone(), connectTimeout.plusSeconds(10));
    return List.of(offererPath, answererPath);
  }

  private static void connectBoth(SimScheduler loop, PeerDescription offer, PeerDescription answer,
      TraversalAgent offerer, TraversalAgent answerer, CompletableFuture<Path> offererPath,
      CompletableFuture<Path> answererPath) {
    answerer.connect(answer, offer, Role.CONTROLLED).whenComplete(Futures.into(answererPath));
    loop.schedule(SIGNALLING, () -> offerer.connect(offer, answer, Role.CONTROLLING).whenComplete(Futures.into(offererPath)));
  }

  /** Virtual time for a frame to cross from {@code a} to {@code b} and be echoed back. */
  private static Duration echo(SimScheduler loop, Path a, Path b) {
    CompletableFuture<Instant> back = new CompletableFuture<>();
    b.setListener((p, frame) -> p.send(frame));
    a.setListener((p, frame) -> back.complete(loop.now()));
    Instant sent = loop.now();
    a.send(new byte[] {(byte) 0xD4, 1});
    if (!loop.runUntil(back::isDone, Duration.ofSeconds(5))) {
      throw new AssertionError("no echo over " + a);
    }
    return Duration.between(sent, back.join());
  }
}
