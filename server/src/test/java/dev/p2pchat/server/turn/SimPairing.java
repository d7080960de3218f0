package dev.p2pchat.server.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.traversal.Path;
import dev.p2pchat.traversal.Role;
import dev.p2pchat.traversal.TraversalAgent;
import dev.p2pchat.traversal.sim.SimulatedInternet;
import dev.p2pchat.traversal.turn.RelayedEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What the relay tests on the simulated internet do alike: allocate on the relay, and pair two agents. */
final class SimPairing {
  private SimPairing() {}

  /** An allocation for {@code user} on {@code turn}, with credentials valid for a day. */
  static void relay(SimulatedInternet net, SimTurnServer turn, TraversalAgent agent, String user) {
    CompletableFuture<RelayedEndpoint> f = agent.useRelay(
        SimTurnServer.credentials(turn.address(), user, net.scheduler().now().plus(Duration.ofDays(1))));
    net.scheduler().runUntil(f::isDone, Duration.ofMinutes(1));
    f.join();
  }

  /**
   * Offer, answer and checks as the client runs them through signalling, each hop through the server
   * taking {@code signalling} (zero: at once); both selected paths.
   */
  static List<Path> connect(SimulatedInternet net, TraversalAgent offerer, TraversalAgent answerer,
      Duration signalling) {
    CompletableFuture<Path> offererPath = new CompletableFuture<>();
    CompletableFuture<Path> answererPath = new CompletableFuture<>();
    offerer.gather().thenAccept(offer -> hop(net, signalling, () ->
        answerer.gather().thenAccept(answer -> {
          answerer.connect(answer, offer, Role.CONTROLLED).thenAccept(answererPath::complete);
          hop(net, signalling, () -> offerer.connect(offer, answer, Role.CONTROLLING).thenAccept(offererPath::complete));
        })));
    assertThat(net.scheduler().runUntil(() -> offererPath.isDone() && answererPath.isDone(), Duration.ofSeconds(15)))
        .as("both sides select a path").isTrue();
    return List.of(offererPath.join(), answererPath.join());
  }

  private static void hop(SimulatedInternet net, Duration delay, Runnable step) {
    if (delay.isZero()) {
      step.run();
    } else {
      net.scheduler().schedule(delay, step);
    }
  }
}
