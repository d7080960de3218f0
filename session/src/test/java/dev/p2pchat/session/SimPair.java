package dev.p2pchat.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.protocol.noise.NoiseKeyPair;
import dev.p2pchat.protocol.noise.NoisePublicKey;
import dev.p2pchat.protocol.reliable.InMemoryDeliveredIds;
import dev.p2pchat.traversal.AgentConfig;
import dev.p2pchat.traversal.Path;
import dev.p2pchat.traversal.Role;
import dev.p2pchat.traversal.TraversalAgent;
import dev.p2pchat.traversal.net.WireTap;
import dev.p2pchat.traversal.sim.LinkProfile;
import dev.p2pchat.traversal.sim.NatBehavior;
import dev.p2pchat.traversal.sim.SimHost;
import dev.p2pchat.traversal.sim.SimLan;
import dev.p2pchat.traversal.sim.SimScheduler;
import dev.p2pchat.traversal.sim.SimulatedInternet;
import dev.p2pchat.traversal.sim.StunResponder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * Alice and Bob behind two Linux-like NATs on the simulated internet, each with a traversal agent on a
 * {@link WireTap}, and the offer/answer exchange between them (as the client does through the server).
 * Everything runs on the simulation's one thread and virtual time.
 */
final class SimPair {
    final SimulatedInternet net;
    final SimLan aliceLan;
    final WireTap aliceWire;
    final WireTap bobWire;
    final TraversalAgent alice;
    final TraversalAgent bob;
    final NoiseKeyPair aliceKey;
    final NoiseKeyPair bobKey;
    final InMemoryDeliveredIds aliceDelivered = new InMemoryDeliveredIds();
    final InMemoryDeliveredIds bobDelivered = new InMemoryDeliveredIds();

    /** Both behind Linux-like NATs (port-restricted filtering). */
    SimPair(long seed) {
        this(new SimulatedInternet(seed), NatBehavior.linuxMasquerade());
    }

    /** Alice behind a NAT of {@code aliceNat}, Bob on a public address. */
    static SimPair aliceBehind(long seed, NatBehavior aliceNat) {
        SimulatedInternet net = new SimulatedInternet(seed);
        return new SimPair(net, net.addLan("198.18.1.1", aliceNat), net.addPublicHost("198.18.2.1"));
    }

    private SimPair(SimulatedInternet net, NatBehavior both) {
        this(net, net.addLan("198.18.1.1", both), net.addLan("198.18.2.1", both).addHost());
    }

    private SimPair(SimulatedInternet net, SimLan aliceLan, SimHost bobHost) {
        this.net = net;
        this.aliceLan = aliceLan;
        StunResponder.single(net.addPublicHost("198.18.0.10").bind(3478));
        aliceWire = new WireTap(aliceLan.addHost());
        bobWire = new WireTap(bobHost);
        AgentConfig config = AgentConfig.defaults().withStunServers(List.of(new InetSocketAddress("198.18.0.10", 3478)));
        try {
            alice = TraversalAgent.open(aliceWire, net.scheduler(), config, random());
            bob = TraversalAgent.open(bobWire, net.scheduler(), config, random());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        aliceKey = NoiseKeyPair.generate(random());
        bobKey = NoiseKeyPair.generate(random());
    }

    SplittableRandom random() {
        return new SplittableRandom(net.random().nextLong());
    }

    SimScheduler loop() {
        return net.scheduler();
    }

    /** A new pair of paths between the two agents: [alice's, bob's]. Alice offers. */
    List<Path> connect() {
        CompletableFuture<Path> alicePath = new CompletableFuture<>();
        CompletableFuture<Path> bobPath = new CompletableFuture<>();
        alice.gather().thenAccept(offer -> bob.gather().thenAccept(answer -> {
            bob.connect(answer, offer, Role.CONTROLLED).thenAccept(bobPath::complete);
            alice.connect(offer, answer, Role.CONTROLLING).thenAccept(alicePath::complete);
        }));
        assertThat(loop().runUntil(() -> alicePath.isDone() && bobPath.isDone(), Duration.ofSeconds(30)))
                .as("traversal connects").isTrue();
        return List.of(alicePath.join(), bobPath.join());
    }

    ChatSession open(boolean aliceSide, SessionRole role, SessionConfig config, Path path, NoisePublicKey pinned,
                     SessionListener listener) {
        return ChatSession.open(config, loop(), path, role, aliceSide ? aliceKey : bobKey, pinned,
                aliceSide ? aliceDelivered : bobDelivered, listener, random());
    }

    ChatSession openAlice(SessionConfig config, Path path, NoisePublicKey pinnedBob, SessionListener listener) {
        return ChatSession.open(config, loop(), path, SessionRole.INITIATOR, aliceKey, pinnedBob, aliceDelivered,
                listener, random());
    }

    ChatSession openBob(SessionConfig config, Path path, NoisePublicKey pinnedAlice, SessionListener listener) {
        return ChatSession.open(config, loop(), path, SessionRole.RESPONDER, bobKey, pinnedAlice, bobDelivered,
                listener, random());
    }

    /** From now on the internet core delays, reorders (jitter) and loses datagrams. */
    void degrade(double loss) {
        net.setInternetLink(LinkProfile.of(Duration.ofMillis(40)).withJitter(Duration.ofMillis(20)).withLoss(loss));
    }

    boolean runUntil(java.util.function.BooleanSupplier done, Duration limit) {
        return loop().runUntil(done, limit);
    }
}
