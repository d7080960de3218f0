package dev.p2pchat.bench.idle;

import dev.p2pchat.traversal.AgentConfig;
import dev.p2pchat.traversal.Path;
import dev.p2pchat.traversal.PathListener;
import dev.p2pchat.traversal.PeerDescription;
import dev.p2pchat.traversal.Role;
import dev.p2pchat.traversal.TraversalAgent;
import dev.p2pchat.traversal.nat.FilteringBehavior;
import dev.p2pchat.traversal.nat.MappingBehavior;
import dev.p2pchat.traversal.sim.NatBehavior;
import dev.p2pchat.traversal.sim.SimulatedInternet;
import dev.p2pchat.traversal.sim.StunResponder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One idle pair on the simulated internet: two peers, each behind its own home-router NAT
 * (endpoint-independent mapping, address-and-port-dependent filtering, the given idle timeout),
 * a STUN server, a direct path set up, then nothing but what the keepalive schedule sends. Counted
 * after a settling time (so the NAT lifetime probe's one-off traffic is excluded), over a window,
 * and checked at the end: a frame each way must still cross both NATs.
 */
final class IdleRun {
  static final InetSocketAddress STUN = new InetSocketAddress(InetAddress.ofLiteral("198.18.0.10"), 3478);
  private static final Duration SIGNALLING = Duration.ofMillis(60);
  private static final byte[] PROBE = {(byte) 0xD4, 1};

  /** Per peer and hour of the window; {@code alive}: the path still carried a frame each way. */
  record Result(double packetsPerHour, double bytesPerHour, boolean alive) {}

  private IdleRun() {}

  static Result run(AgentConfig config, Duration natTimeout, Duration settle, Duration window, long seed) throws IOException {
    SimulatedInternet net = new SimulatedInternet(seed);
    StunResponder.single(net.addPublicHost("198.18.0.10").bind(STUN));
    NatBehavior nat = NatBehavior.of(MappingBehavior.ENDPOINT_INDEPENDENT, FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT)
        .withBindingTimeout(natTimeout);
    CountingNetwork a = new CountingNetwork(net.addLan("198.18.1.1", nat).addHost());
    CountingNetwork b = new CountingNetwork(net.addLan("198.18.2.1", nat).addHost());
    TraversalAgent alice = TraversalAgent.open(a, net.scheduler(), config, new SplittableRandom(seed));
    TraversalAgent bob = TraversalAgent.open(b, net.scheduler(), config, new SplittableRandom(seed + 1));
    CompletableFuture<Path> alicePath = new CompletableFuture<>();
    CompletableFuture<Path> bobPath = new CompletableFuture<>();
    alice.gather().thenAccept(offer -> net.scheduler().schedule(SIGNALLING, () -> bob.gather().thenAccept(answer -> {
      bob.connect(answer, offer, Role.CONTROLLED).whenComplete((p, e) -> complete(bobPath, p, e));
      net.scheduler().schedule(SIGNALLING, () -> connectLater(alice, offer, answer, alicePath));
    })));
    if (!net.scheduler().runUntil(() -> alicePath.isDone() && bobPath.isDone(), Duration.ofSeconds(30))
        || alicePath.isCompletedExceptionally() || bobPath.isCompletedExceptionally()) {
      throw new IllegalStateException("the peers did not connect on the simulated internet");
    }
    net.scheduler().runFor(settle);
    a.reset();
    b.reset();
    net.scheduler().runFor(window);
    double hours = window.toMillis() / 3_600_000.0;
    double packets = (a.packets() + b.packets()) / 2.0 / hours;
    double bytes = (a.bytes() + b.bytes()) / 2.0 / hours;
    return new Result(packets, bytes, frameEachWay(net, alicePath.join(), bobPath.join()));
  }

  private static void connectLater(TraversalAgent agent, PeerDescription local, PeerDescription remote, CompletableFuture<Path> into) {
    agent.connect(local, remote, Role.CONTROLLING).whenComplete((p, e) -> complete(into, p, e));
  }

  private static void complete(CompletableFuture<Path> into, Path path, Throwable error) {
    if (error != null) {
      into.completeExceptionally(error);
    } else {
      into.complete(path);
    }
  }

  private static boolean frameEachWay(SimulatedInternet net, Path alice, Path bob) {
    AtomicInteger arrived = new AtomicInteger();
    PathListener count = (path, frame) -> arrived.incrementAndGet();
    alice.setListener(count);
    bob.setListener(count);
    alice.send(PROBE);
    bob.send(PROBE);
    net.scheduler().runFor(Duration.ofSeconds(1));
    return arrived.get() == 2;
  }
}
