package dev.p2pchat.server.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.traversal.AgentConfig;
import dev.p2pchat.traversal.HardNatBudget;
import dev.p2pchat.traversal.Path;
import dev.p2pchat.traversal.TraversalAgent;
import dev.p2pchat.traversal.nat.FilteringBehavior;
import dev.p2pchat.traversal.nat.MappingBehavior;
import dev.p2pchat.traversal.sim.NatBehavior;
import dev.p2pchat.traversal.sim.PortAllocation;
import dev.p2pchat.traversal.sim.SimHost;
import dev.p2pchat.traversal.sim.SimulatedInternet;
import dev.p2pchat.traversal.sim.StunResponder;
import dev.p2pchat.traversal.net.DatagramNetwork;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A side with endpoint-independent mapping (public host, full cone, port-restricted cone) facing a
 * symmetric NAT that allocates at random, both with a relay on offer and an RFC 5780 STUN server, as in
 * the lab's NAT matrix: the relayed pair wins the race, and the path must still move to DIRECT, by the
 * symmetric side's ordinary checks toward a public host or by the hard-NAT punching toward a NAT.
 *
 * <p>The trap: the peer's checks toward our relayed address arrive through the relay from the very
 * address its direct frames come from, so that address was routed through the relay for good and the
 * direct checks toward it and the answers to its guesses all went through the relay too.
 */
class HardNatRelayThenDirectSimTest {
  private static final Duration SIGNALLING = Duration.ofMillis(60);
  private static final NatBehavior SYMMETRIC = new NatBehavior(MappingBehavior.ADDRESS_AND_PORT_DEPENDENT,
      FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT, PortAllocation.RANDOM, false, NatBehavior.DEFAULT_BINDING_TIMEOUT,
      true);

  private final SimulatedInternet net = new SimulatedInternet(31);
  private final SimTurnServer turn = new SimTurnServer(net, net.addPublicHost("198.18.0.10"), c -> c);
  private final AgentConfig config;

  HardNatRelayThenDirectSimTest() {
    SimHost primary = net.addPublicHost("198.18.0.11");
    SimHost alternate = net.addPublicHost("198.18.0.12");
    StunResponder.withAlternate(primary.bind(3478), primary.bind(3479), alternate.bind(3478), alternate.bind(3479));
    config = AgentConfig.defaults().withStunServers(List.of(new InetSocketAddress(primary.address(), 3478)));
  }

  @ParameterizedTest(name = "{0}, symmetric offers: {1}")
  @CsvSource({"PUBLIC, false", "PUBLIC, true", "FULL_CONE, false", "FULL_CONE, true", "PORT_RESTRICTED, false",
      "PORT_RESTRICTED, true"})
  void anEndpointIndependentSideAndASymmetricNatEndDirect(String easy, boolean symmetricOffers) throws IOException {
    TraversalAgent easyAgent = agent(easyHost(easy));
    TraversalAgent hardAgent = agent(net.addLan("198.18.2.1", SYMMETRIC).addHost());
    List<Path> paths = relayedPair(easyAgent, hardAgent, symmetricOffers);
    net.scheduler().runUntil(() -> paths.stream().allMatch(p -> p.kind() == Path.Kind.DIRECT),
        config.connectTimeout().plusSeconds(5));

    assertAliveAndDirect(paths);
  }

  /**
   * The birthday punch can miss (in the lab, about 1 run in 12 for a full cone): here it is off. A full
   * cone's filter lets in the symmetric side's PINGs from any port, so the retry rounds while relayed,
   * where the symmetric side checks the peer's server-reflexive address too, still find the direct pair.
   */
  @ParameterizedTest(name = "symmetric offers: {0}")
  @CsvSource({"false", "true"})
  void aFullConeAndASymmetricNatEndDirectWhenTheBirthdayPunchMisses(boolean symmetricOffers) throws IOException {
    AgentConfig noPunch = config.withHardNat(HardNatBudget.OFF);
    TraversalAgent easyAgent = agent(easyHost("FULL_CONE"), noPunch);
    TraversalAgent hardAgent = agent(net.addLan("198.18.2.1", SYMMETRIC).addHost(), noPunch);
    List<Path> paths = relayedPair(easyAgent, hardAgent, symmetricOffers);
    assertThat(paths).as("%s", paths).allSatisfy(p -> assertThat(p.kind()).isEqualTo(Path.Kind.RELAYED));
    net.scheduler().runUntil(() -> paths.stream().allMatch(p -> p.kind() == Path.Kind.DIRECT), Duration.ofSeconds(30));

    assertAliveAndDirect(paths);
  }

  /**
   * The connect-time checks find no direct pair at all (the full cone's host cannot reach the symmetric
   * NAT until 15 s, past {@code connectTimeout}): the path stays relayed, and the retry rounds must find
   * the direct pair later. They can only if the symmetric side checks the full cone's server-reflexive
   * address in them (its NAT then lets the answers in); the peer's checks toward it never pass its filter.
   */
  @ParameterizedTest(name = "symmetric offers: {0}")
  @CsvSource({"false", "true"})
  void aRetryRoundFindsTheFullConeFromTheSymmetricSide(boolean symmetricOffers) throws IOException {
    InetAddress symmetricNat = InetAddress.getByName("198.18.2.1");
    Instant until = net.scheduler().now().plusSeconds(15);
    TraversalAgent easyAgent = agent(new CutOffHost(easyHost("FULL_CONE"),
        ip -> ip.equals(symmetricNat) && net.scheduler().now().isBefore(until)), config);
    TraversalAgent hardAgent = agent(net.addLan("198.18.2.1", SYMMETRIC).addHost());
    List<Path> paths = relayedPair(easyAgent, hardAgent, symmetricOffers);
    net.scheduler().runUntil(() -> !net.scheduler().now().isBefore(until), Duration.ofSeconds(15));
    assertThat(paths).as("%s", paths).allSatisfy(p -> assertThat(p.kind()).isEqualTo(Path.Kind.RELAYED));
    net.scheduler().runUntil(() -> paths.stream().allMatch(p -> p.kind() == Path.Kind.DIRECT), Duration.ofSeconds(60));

    assertAliveAndDirect(paths);
  }

  /** Both sides allocate on the relay, then pair; the symmetric side offers or answers. */
  private List<Path> relayedPair(TraversalAgent easyAgent, TraversalAgent hardAgent, boolean symmetricOffers) {
    SimPairing.relay(net, turn, easyAgent, "easy");
    SimPairing.relay(net, turn, hardAgent, "hard");
    return symmetricOffers
        ? SimPairing.connect(net, hardAgent, easyAgent, SIGNALLING)
        : SimPairing.connect(net, easyAgent, hardAgent, SIGNALLING);
  }

  private static void assertAliveAndDirect(List<Path> paths) {
    assertThat(paths).as("%s", paths).allSatisfy(p -> {
      assertThat(p.kind()).isEqualTo(Path.Kind.DIRECT);
      assertThat(p.isAlive()).isTrue();
    });
  }

  private SimHost easyHost(String kind) {
    Optional<NatBehavior> nat = switch (kind) {
      case "PUBLIC" -> Optional.empty();
      case "FULL_CONE" -> Optional.of(NatBehavior.of(MappingBehavior.ENDPOINT_INDEPENDENT,
          FilteringBehavior.ENDPOINT_INDEPENDENT).withConntrackClash(true));
      default -> Optional.of(NatBehavior.linuxMasquerade());
    };
    return nat.map(n -> net.addLan("198.18.1.1", n).addHost()).orElseGet(() -> net.addPublicHost("198.18.1.2"));
  }

  private TraversalAgent agent(SimHost host) throws IOException {
    return agent(host, config);
  }

  private TraversalAgent agent(DatagramNetwork host, AgentConfig c) throws IOException {
    return TraversalAgent.open(host, net.scheduler(), c, new SplittableRandom(net.random().nextLong()));
  }
}
