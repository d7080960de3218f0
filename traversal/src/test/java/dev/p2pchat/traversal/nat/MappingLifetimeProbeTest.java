package dev.p2pchat.traversal.nat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.protocol.stun.AddressAttribute;
import dev.p2pchat.protocol.stun.Stun;
import dev.p2pchat.protocol.stun.StunMessage;
import dev.p2pchat.protocol.stun.StunMessageType;
import dev.p2pchat.protocol.stun.StunParseException;
import dev.p2pchat.traversal.net.DatagramEndpoint;
import dev.p2pchat.traversal.sim.NatBehavior;
import dev.p2pchat.traversal.sim.SimHost;
import dev.p2pchat.traversal.sim.SimulatedInternet;
import dev.p2pchat.traversal.sim.StunResponder;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MappingLifetimeProbeTest {
    private record Outcome(List<Duration> survived, List<String> finished) {}

    private static Outcome probe(SimulatedInternet net, SimHost client, InetSocketAddress server) {
        DatagramEndpoint asker = client.bind();
        Outcome out = new Outcome(new ArrayList<>(), new ArrayList<>());
        MappingLifetimeProbe p = new MappingLifetimeProbe(client, asker, net.scheduler(), new SplittableRandom(1), server,
                MappingLifetimeProbe.LADDER, new MappingLifetimeProbe.Listener() {
                    @Override public void survived(Duration idle) { out.survived().add(idle); }
                    @Override public void finished(String why) { out.finished().add(why); }
                });
        net.scheduler().execute(p::start);
        net.scheduler().runFor(Duration.ofMinutes(20));
        return out;
    }

    @Test
    void climbsTheLadderUntilTheMappingLapses() {
        SimulatedInternet net = new SimulatedInternet(1);
        SimHost stun = net.addPublicHost("198.18.0.10");
        StunResponder.single(stun.bind(3478));
        SimHost client = net.addLan("198.18.1.1", NatBehavior.of(MappingBehavior.ENDPOINT_INDEPENDENT,
                FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT).withBindingTimeout(Duration.ofSeconds(45))).addHost();

        Outcome out = probe(net, client, new InetSocketAddress(stun.address(), 3478));

        assertThat(out.survived()).extracting(Duration::toSeconds).containsExactly(15L, 20L, 25L, 30L, 40L);
        assertThat(out.finished()).singleElement().asString().contains("lapsed within 50 s");
    }

    @Test
    void aServerThatIgnoresResponsePortProvesNothing() {
        SimulatedInternet net = new SimulatedInternet(2);
        SimHost stun = net.addPublicHost("198.18.0.10");
        DatagramEndpoint server = stun.bind(3478);
        server.receive(d -> { // an RFC 8489 server without RFC 5780: answers to the source, always
            StunMessage request;
            try {
                request = Stun.decode(d.data());
            } catch (StunParseException e) {
                return;
            }
            server.send(d.source(), Stun.encode(new StunMessage(StunMessageType.BINDING_SUCCESS, request.transactionId(),
                    List.of(new AddressAttribute.XorMappedAddress(d.source())))));
        });
        SimHost client = net.addLan("198.18.1.1", NatBehavior.of(MappingBehavior.ENDPOINT_INDEPENDENT,
                FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT)).addHost();

        Outcome out = probe(net, client, server.localAddress());

        assertThat(out.survived()).isEmpty();
        assertThat(out.finished()).singleElement().asString().contains("does not honour RESPONSE-PORT");
    }
}
