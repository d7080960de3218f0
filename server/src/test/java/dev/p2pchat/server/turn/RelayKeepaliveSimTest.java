package dev.p2pchat.server.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.traversal.AgentConfig;
import dev.p2pchat.traversal.TraversalAgent;
import dev.p2pchat.traversal.nat.FilteringBehavior;
import dev.p2pchat.traversal.nat.MappingBehavior;
import dev.p2pchat.traversal.sim.NatBehavior;
import dev.p2pchat.traversal.sim.SimHost;
import dev.p2pchat.traversal.sim.SimLan;
import dev.p2pchat.traversal.sim.SimulatedInternet;
import dev.p2pchat.traversal.sim.StunResponder;
import dev.p2pchat.traversal.turn.TurnTiming;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The relay allocation hangs on the NAT mapping toward the TURN server, as the paths do on theirs: its
 * keepalives follow the spacing the agent measured for its NAT, instead of a fixed 15 s. On a NAT that
 * keeps idle mappings 2 minutes that is a keepalive about every 90 s; on one that forgets after 20 s,
 * every 15 s. Either way the mapping never lapses. Idle for an hour after the measurement.
 */
class RelayKeepaliveSimTest {
  @ParameterizedTest(name = "NAT binding timeout {0} s: at most {1} relay keepalives an hour")
  @CsvSource({"120, 60", "20, 330"})
  void theAllocationsKeepalivesFollowTheMeasuredNat(long timeoutSeconds, long atMostPerHour) throws IOException {
    SimulatedInternet net = new SimulatedInternet(timeoutSeconds);
    SimTurnServer turn = new SimTurnServer(net, net.addPublicHost("198.18.0.10"), c -> c);
    StunResponder stun = StunResponder.single(net.addPublicHost("198.18.0.11").bind(3478));
    SimLan lan = net.addLan("198.18.1.1", NatBehavior.of(MappingBehavior.ENDPOINT_INDEPENDENT,
        FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT).withBindingTimeout(Duration.ofSeconds(timeoutSeconds)));
    SimHost host = lan.addHost();
    AgentConfig config = AgentConfig.defaults().withStunServers(List.of(stun.primary().localAddress()));
    TraversalAgent agent = TraversalAgent.open(host, net.scheduler(), config, new SplittableRandom(3));
    SimPairing.relay(net, turn, agent, "alice");
    InetSocketAddress inside = new InetSocketAddress(host.address(), agent.localAddress().getPort());
    Optional<Integer> mapped = lan.nat().externalPort(inside, turn.address());
    List<String> lapses = new ArrayList<>();
    watch(net, () -> {
      if (!lan.nat().externalPort(inside, turn.address()).equals(mapped)) {
        lapses.add(net.scheduler().now() + ": " + lan.nat().externalPort(inside, turn.address()));
      }
    });

    net.scheduler().runFor(Duration.ofMinutes(20)); // the NAT's idle lifetime is measured meanwhile
    long before = agent.relayStats().orElseThrow().keepalives();
    net.scheduler().runFor(Duration.ofHours(1));
    long perHour = agent.relayStats().orElseThrow().keepalives() - before;

    System.out.printf("NAT timeout %d s: %d relay keepalives in an idle hour (proven lifetime %s, spacing %s;"
        + " a fixed %d s spacing sends %d)%n", timeoutSeconds, perHour, agent.provenMappingLifetime(),
        agent.keepaliveInterval(), TurnTiming.DEFAULTS.keepalive().toSeconds(),
        Duration.ofHours(1).dividedBy(TurnTiming.DEFAULTS.keepalive()));
    assertThat(mapped).isPresent();
    assertThat(lapses).as("the mapping the allocation hangs on never lapsed").isEmpty();
    assertThat(agent.relayStands()).isTrue();
    assertThat(perHour).isPositive().isLessThanOrEqualTo(atMostPerHour);
  }

  /** Runs {@code check} every 250 ms of virtual time, for as long as the scheduler runs. */
  private static void watch(SimulatedInternet net, Runnable check) {
    net.scheduler().schedule(Duration.ofMillis(250), () -> {
      check.run();
      watch(net, check);
    });
  }
}
