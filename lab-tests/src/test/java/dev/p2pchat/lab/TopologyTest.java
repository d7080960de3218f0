package dev.p2pchat.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.p2pchat.lab.NatKind.Filtering;
import dev.p2pchat.lab.NatKind.Mapping;
import dev.p2pchat.lab.UdpAgentProcess.Received;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The lab is what it claims: hosts behind each NAT kind reach the server through their NAT's public
 * address, the internet is routed (TTL counts), and mapping and filtering behave as each kind says.
 */
@NatLab
class TopologyTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static Lab lab;
    private static UdpAgentProcess server;
    private static InetSocketAddress echo;
    private static InetSocketAddress echoOtherPort;
    private static InetSocketAddress echoOtherAddress;
    private static final Map<NatKind, NatRouter> nats = new EnumMap<>(NatKind.class);
    private static final Map<NatKind, UdpAgentProcess> agents = new EnumMap<>(NatKind.class);

    @BeforeAll
    static void buildLab() {
        lab = Lab.create();
        for (NatKind kind : NatKind.values()) {
            NatRouter nat = lab.addNat(kind);
            nats.put(kind, nat);
            agents.put(kind, UdpAgentProcess.start(nat.addHost(), "agent-" + kind));
        }
        server = UdpAgentProcess.start(lab.server(), "echo");
        InetAddress primary = lab.server().addresses().get(0);
        InetAddress alternate = lab.server().addresses().get(1);
        echo = new InetSocketAddress(primary, server.open("echo", primary, 7000, true));
        echoOtherPort = new InetSocketAddress(primary, server.open("echo-port", primary, 7001, true));
        echoOtherAddress = new InetSocketAddress(alternate, server.open("echo-addr", alternate, 7000, true));
    }

    @AfterAll
    static void closeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @ParameterizedTest
    @EnumSource(NatKind.class)
    void theServerSeesTheNatsPublicAddress(NatKind kind) {
        UdpAgentProcess agent = agents.get(kind);
        agent.open("public-" + kind);

        InetSocketAddress seen = agent.observedBy("public-" + kind, echo);

        assertThat(seen.getAddress()).isEqualTo(nats.get(kind).publicAddress());
        assertThat(seen.getAddress()).isNotEqualTo(nats.get(kind).hosts().getFirst().address());
    }

    @ParameterizedTest
    @EnumSource(NatKind.class)
    void mappingIsWhatTheKindClaims(NatKind kind) {
        UdpAgentProcess agent = agents.get(kind);
        String socket = "mapping-" + kind;
        agent.open(socket);

        List<Integer> ports = List.of(
                agent.observedBy(socket, echo).getPort(),
                agent.observedBy(socket, echoOtherPort).getPort(),
                agent.observedBy(socket, echoOtherAddress).getPort());

        if (kind.mapping() == Mapping.ENDPOINT_INDEPENDENT) {
            assertThat(ports).as("one external port toward every destination").containsOnly(ports.getFirst());
        } else {
            assertThat(ports).as("a new external port per destination").doesNotHaveDuplicates();
        }
    }

    @ParameterizedTest
    @EnumSource(NatKind.class)
    void filteringIsWhatTheKindClaims(NatKind kind) {
        UdpAgentProcess agent = agents.get(kind);
        String socket = "filtering-" + kind;
        agent.open(socket);
        InetSocketAddress mapping = agent.observedBy(socket, echo);

        // Same sender host and path for all three: the sentinel, allowed by every kind, arrives after
        // the other two would have, so its arrival ends the wait for them.
        server.send("echo-addr", mapping, "from-other-address");
        server.send("echo-port", mapping, "from-other-port");
        server.send("echo", mapping, "sentinel");
        agent.awaitReceived(socket, r -> r.data().equals("sentinel"), WAIT);
        List<String> unsolicited = agent.takeReceived(socket).stream().map(Received::data).toList();

        if (kind.filtering() == Filtering.ENDPOINT_INDEPENDENT) {
            assertThat(unsolicited).containsExactly("from-other-address", "from-other-port");
        } else {
            assertThat(unsolicited).as("only the endpoint the mapping was used toward may answer").isEmpty();
        }
    }

    @Test
    void aTtlTwoPacketPassesItsNatAndDiesAtTheInternetRouter() {
        NatRouter nat = nats.get(NatKind.PORT_RESTRICTED);
        UdpAgentProcess agent = agents.get(NatKind.PORT_RESTRICTED);
        InetAddress host = nat.hosts().getFirst().address();
        String port = Integer.toString(echo.getPort());
        String publicAddress = nat.publicAddress().getHostAddress();
        // raw PREROUTING sees a packet before routing decrements its TTL; FORWARD only if it survives.
        RuleCounter leftNat = nat.iptables()
                .count("filter", "FORWARD", "-s", host.getHostAddress(), "-p", "udp", "--dport", port);
        RuleCounter reachedInternet = lab.internet().iptables()
                .count("raw", "PREROUTING", "-s", publicAddress, "-p", "udp", "--dport", port);
        RuleCounter crossedInternet = lab.internet().iptables()
                .count("filter", "FORWARD", "-s", publicAddress, "-p", "udp", "--dport", port);
        agent.open("ttl");

        agent.send("ttl", echo, 2, "priming");
        await().atMost(WAIT).until(() -> leftNat.packets() == 1 && reachedInternet.packets() == 1);
        assertThat(crossedInternet.packets()).as("dropped by the internet router: TTL exceeded").isZero();

        agent.send("ttl", echo, 3, "one-hop-more");
        agent.awaitReceived("ttl", r -> r.data().endsWith(" one-hop-more"), WAIT);
        assertThat(crossedInternet.packets()).isEqualTo(1);
        assertThat(agent.takeReceived("ttl")).as("the echo never saw the TTL-2 packet").isEmpty();
    }
}
