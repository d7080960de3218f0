package dev.p2pchat.traversal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.traversal.nat.FilteringBehavior;
import dev.p2pchat.traversal.nat.MappingBehavior;
import dev.p2pchat.traversal.sim.NatBehavior;
import dev.p2pchat.traversal.sim.PortAllocation;
import dev.p2pchat.traversal.sim.SimHost;
import dev.p2pchat.traversal.sim.SimScheduler;
import dev.p2pchat.traversal.sim.SimulatedInternet;
import dev.p2pchat.traversal.sim.StunResponder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An address-and-port-dependent ("symmetric") NAT facing a port-restricted cone, both with Linux conntrack's
 * clash: direct by port prediction where the symmetric NAT allocates sequentially, by birthday probing where
 * it allocates at random, always within the packet budget; two symmetric NATs give up quickly.
 */
class HardNatSimTest {
    private static final InetAddress STUN_IP = InetAddress.ofLiteral("198.18.0.10");
    private static final InetSocketAddress STUN = new InetSocketAddress(STUN_IP, 3478);
    private static final Duration SIGNALLING = Duration.ofMillis(60);
    private static final NatBehavior PORT_RESTRICTED = NatBehavior.linuxMasquerade();
    private static final AgentConfig CONFIG = AgentConfig.defaults().withStunServers(List.of(STUN));

    private static NatBehavior symmetric(PortAllocation allocation) {
        return new NatBehavior(MappingBehavior.ADDRESS_AND_PORT_DEPENDENT, FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT,
                allocation, false, NatBehavior.DEFAULT_BINDING_TIMEOUT, true);
    }

    /** A simulated internet with an RFC 5780 STUN server (two addresses × two ports). */
    private static SimulatedInternet internet(long seed) {
        SimulatedInternet net = new SimulatedInternet(seed);
        SimHost a = net.addPublicHost("198.18.0.10");
        SimHost b = net.addPublicHost("198.18.0.11");
        StunResponder.withAlternate(a.bind(3478), a.bind(3479), b.bind(3478), b.bind(3479));
        return net;
    }

    private record Run(SimPeers peers, TraversalAgent hard, TraversalAgent easy, boolean connected) {}

    private static Run run(long seed, NatBehavior hardNat, NatBehavior easyNat, boolean hardOffers) throws Exception {
        SimulatedInternet net = internet(seed);
        SimHost hard = net.addLan("198.18.1.1", hardNat).addHost();
        SimHost easy = net.addLan("198.18.2.1", easyNat).addHost();
        SimPeers peers = hardOffers ? new SimPeers(net, hard, easy, CONFIG) : new SimPeers(net, easy, hard, CONFIG);
        assertThat(peers.connect(SIGNALLING, CONFIG.connectTimeout().plusSeconds(5))).isTrue();
        TraversalAgent h = hardOffers ? peers.offerer : peers.answerer;
        TraversalAgent e = hardOffers ? peers.answerer : peers.offerer;
        return new Run(peers, h, e, peers.connected());
    }

    @ParameterizedTest(name = "symmetric NAT offers: {0}")
    @ValueSource(booleans = {true, false})
    void aSequentialSymmetricNatIsPunchedByPortPrediction(boolean hardOffers) throws Exception {
        Run r = run(5, symmetric(PortAllocation.SEQUENTIAL), PORT_RESTRICTED, hardOffers);

        assertThat(r.connected()).as("%s / %s", r.peers().offererPath, r.peers().answererPath).isTrue();
        assertThat(r.hard().counters().hardNatDatagrams()).as("no extra sockets for a predictable NAT").isZero();
        assertThat(r.easy().counters().hardNatDatagrams()).isPositive().isLessThanOrEqualTo(CONFIG.hardNat().probes());
        assertPayloadBothWays(r);
    }

    @Test
    void aRandomSymmetricNatIsPunchedByBirthdayProbingWithinTheBudgetInAtLeast90PercentOf50Seeds() throws Exception {
        HardNatBudget budget = CONFIG.hardNat();
        int connected = 0;
        long guesses = 0;
        Duration time = Duration.ZERO;
        List<String> failures = new ArrayList<>();
        for (long seed = 1; seed <= 50; seed++) {
            Run r = run(seed, symmetric(PortAllocation.RANDOM), PORT_RESTRICTED, seed % 2 == 0);
            assertThat(r.easy().counters().hardNatDatagrams()).as("seed %d: guesses", seed)
                    .isLessThanOrEqualTo(budget.probes());
            assertThat(r.hard().counters().hardNatDatagrams()).as("seed %d: extra sockets primed", seed)
                    .isLessThanOrEqualTo(budget.sockets());
            if (r.connected()) {
                connected++;
                guesses += r.easy().counters().hardNatDatagrams();
                time = time.plus(Duration.between(SimScheduler.EPOCH, r.peers().net.scheduler().now()));
            } else {
                failures.add("seed " + seed + ": " + r.peers().offererPath.handle((p, e) -> e == null ? "ok" : e.getMessage()).join());
            }
        }
        System.out.println("birthday probing: connected in " + connected + " of 50 seeds, on average after "
                + (connected == 0 ? 0 : guesses / connected) + " guesses and "
                + (connected == 0 ? 0 : time.toMillis() / connected) + " ms from the start of gathering; " + failures);
        assertThat(connected).as("connected in %d of 50; %s", connected, failures).isGreaterThanOrEqualTo(45);
    }

    @Test
    void birthdayProbingStopsAtTheFirstWorkingPathAndThePathLives() throws Exception {
        Run r = run(7, symmetric(PortAllocation.RANDOM), PORT_RESTRICTED, true);
        assertThat(r.connected()).isTrue();
        long guesses = r.easy().counters().hardNatDatagrams();
        long primes = r.hard().counters().hardNatDatagrams();

        r.peers().net.scheduler().runFor(Duration.ofMinutes(3));

        assertThat(r.easy().counters().hardNatDatagrams()).isEqualTo(guesses);
        assertThat(r.hard().counters().hardNatDatagrams()).isEqualTo(primes);
        assertThat(guesses).isLessThan(CONFIG.hardNat().probes());
        assertPayloadBothWays(r);
    }

    @Test
    void twoSymmetricNatsReportNoDirectPathQuickly() throws Exception {
        SimulatedInternet net = internet(9);
        SimPeers peers = new SimPeers(net, net.addLan("198.18.1.1", symmetric(PortAllocation.RANDOM)).addHost(),
                net.addLan("198.18.2.1", symmetric(PortAllocation.SEQUENTIAL)).addHost(), CONFIG);
        Instant start = net.scheduler().now();

        assertThat(peers.connect(SIGNALLING, CONFIG.connectTimeout())).isTrue();

        assertThat(Duration.between(start, net.scheduler().now())).isLessThan(Duration.ofSeconds(3));
        for (var f : List.of(peers.offererPath, peers.answererPath)) {
            assertThat(f).isCompletedExceptionally();
            Throwable e = f.handle((p, x) -> x instanceof CompletionException c ? c.getCause() : x).join();
            assertThat(e).isInstanceOf(NoDirectPathException.class).hasMessageContaining("symmetric");
        }
        assertThat(peers.offerer.counters().hardNatDatagrams() + peers.answerer.counters().hardNatDatagrams()).isZero();
        assertThat(peers.offerer.gathersOnFreshPort()).as("a failed attempt: the retry uses a fresh port").isTrue();
    }

    private static void assertPayloadBothWays(Run r) {
        Path offerer = r.peers().offererPath.join();
        Path answerer = r.peers().answererPath.join();
        List<byte[]> atOfferer = new ArrayList<>();
        List<byte[]> atAnswerer = new ArrayList<>();
        offerer.setListener((p, f) -> atOfferer.add(f));
        answerer.setListener((p, f) -> atAnswerer.add(f));
        offerer.send(new byte[] {(byte) 0xD4, 1});
        answerer.send(new byte[] {(byte) 0xD4, 2});
        r.peers().net.scheduler().runFor(Duration.ofSeconds(1));
        assertThat(atOfferer).singleElement().satisfies(f -> assertThat(f).containsExactly(0xD4, 2));
        assertThat(atAnswerer).singleElement().satisfies(f -> assertThat(f).containsExactly(0xD4, 1));
        assertThat(offerer.isAlive()).isTrue();
        assertThat(answerer.isAlive()).isTrue();
    }
}
