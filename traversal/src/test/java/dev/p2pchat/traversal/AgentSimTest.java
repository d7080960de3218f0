package dev.p2pchat.traversal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.traversal.net.DatagramEndpoint;
import dev.p2pchat.traversal.net.PacketClass;
import dev.p2pchat.traversal.nat.FilteringBehavior;
import dev.p2pchat.traversal.nat.MappingBehavior;
import dev.p2pchat.traversal.sim.NatBehavior;
import dev.p2pchat.traversal.sim.SimLan;
import dev.p2pchat.traversal.sim.SimulatedInternet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class AgentSimTest {
    private static final Duration SIGNALLING = Duration.ofMillis(60);
    private final SimulatedInternet net = new SimulatedInternet(11);

    @Test
    void twoPublicHostsConnectAndExchangeFrames() throws Exception {
        SimPeers peers = new SimPeers(net, net.addPublicHost("198.18.0.1"), net.addPublicHost("198.18.0.2"),
                AgentConfig.defaults());
        assertThat(peers.connect(SIGNALLING, Duration.ofSeconds(15))).isTrue();
        assertThat(peers.connected()).isTrue();
        Path a = peers.offererPath.join();
        Path b = peers.answererPath.join();
        assertThat(a.remoteAddress()).isEqualTo(peers.answerer.localAddress());
        assertThat(b.remoteAddress()).isEqualTo(peers.offerer.localAddress());
        assertThat(a.rtt()).isEqualTo(Duration.ofMillis(40));

        List<byte[]> atB = new ArrayList<>();
        b.setListener((p, frame) -> atB.add(frame));
        a.send(new byte[] {(byte) 0xD4, 42});
        net.scheduler().runFor(Duration.ofSeconds(1));
        assertThat(atB).singleElement().satisfies(f -> assertThat(f).containsExactly(0xD4, 42));
    }

    @Test
    void twoPeersBehindOneNatWithoutHairpinningConnectOverHostCandidates() throws Exception {
        SimLan lan = net.addLan("198.18.1.1", NatBehavior.linuxMasquerade());
        SimPeers peers = new SimPeers(net, lan.addHost(), lan.addHost(), AgentConfig.defaults());
        assertThat(peers.connect(SIGNALLING, Duration.ofSeconds(15))).isTrue();
        assertThat(peers.connected()).isTrue();
        Path a = peers.offererPath.join();
        assertThat(a.remoteCandidate().type()).isEqualTo(CandidateType.HOST);
        assertThat(a.remoteAddress()).isEqualTo(peers.answerer.localAddress());
    }

    @Test
    void withoutAnyWayThroughTheOutcomeIsNoDirectPathWithinTheBound() throws Exception {
        SimLan lanA = net.addLan("198.18.1.1", NatBehavior.of(MappingBehavior.ADDRESS_AND_PORT_DEPENDENT,
                FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT));
        SimLan lanB = net.addLan("198.18.2.1", NatBehavior.of(MappingBehavior.ADDRESS_AND_PORT_DEPENDENT,
                FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT));
        AgentConfig config = AgentConfig.defaults().withConnectTimeout(Duration.ofSeconds(5));
        SimPeers peers = new SimPeers(net, lanA.addHost(), lanB.addHost(), config);

        assertThat(peers.connect(SIGNALLING, Duration.ofSeconds(6))).isTrue();

        assertThat(peers.offererPath).isCompletedExceptionally();
        assertThat(peers.answererPath).isCompletedExceptionally();
        assertThat(net.scheduler().now()).isBefore(net.scheduler().EPOCH.plusSeconds(6));
        try {
            peers.offererPath.join();
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(NoDirectPathException.class).hasMessageContaining("no direct path");
        }
    }

    @Test
    void junkFromAnyAddressIsDroppedAndCountedWithoutEffect() throws Exception {
        SimPeers peers = new SimPeers(net, net.addPublicHost("198.18.0.1"), net.addPublicHost("198.18.0.2"),
                AgentConfig.defaults());
        assertThat(peers.connect(SIGNALLING, Duration.ofSeconds(15))).isTrue();
        Path b = peers.answererPath.join();
        List<byte[]> atB = new ArrayList<>();
        b.setListener((p, frame) -> atB.add(frame));
        long before = dropsAt(peers.answerer); // a PRIME from the offerer reaches a public host: one router only
        DatagramEndpoint attacker = net.addPublicHost("198.18.66.6").bind();
        SplittableRandom junk = new SplittableRandom(5);
        for (int i = 0; i < 2000; i++) {
            byte[] data = new byte[junk.nextInt(0, 120)];
            junk.nextBytes(data);
            if (i % 4 == 0 && data.length > 0) {
                data[0] = (byte) junk.nextInt(0xD0, 0xE0); // aim at the p2p frame range too
            }
            attacker.send(peers.answerer.localAddress(), data);
        }
        net.scheduler().runFor(Duration.ofSeconds(2));

        long counted = dropsAt(peers.answerer) - before;
        assertThat(counted).isEqualTo(2000);
        assertThat(atB).isEmpty();
        assertThat(b.isAlive()).isTrue();
        peers.offererPath.join().send(new byte[] {(byte) 0xD4, 1});
        net.scheduler().runFor(Duration.ofSeconds(1));
        assertThat(atB).hasSize(1);
    }

    private static long dropsAt(TraversalAgent agent) {
        AgentCounters c = agent.counters();
        return c.malformed() + c.unknownReceiver() + c.badTag() + c.primesIgnored() + c.unroutedFrames()
                + agent.demultiplexer().dropped(PacketClass.UNKNOWN)
                + agent.demultiplexer().dropped(PacketClass.STUN)
                + agent.demultiplexer().dropped(PacketClass.CHANNEL_DATA)
                + agent.stunClient().dropped();
    }
}
