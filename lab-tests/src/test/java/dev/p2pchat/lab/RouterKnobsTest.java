package dev.p2pchat.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.p2pchat.lab.UdpAgentProcess.Received;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The NAT router knobs later tests rely on do what they say: loss, timeouts, flush, capture. */
@NatLab
class RouterKnobsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static Lab lab;
    private static NatRouter nat;
    private static UdpAgentProcess agent;
    private static InetSocketAddress echo;

    @BeforeAll
    static void buildLab() {
        lab = Lab.create();
        nat = lab.addNat(NatKind.PORT_RESTRICTED);
        agent = UdpAgentProcess.start(nat.addHost(), "agent");
        UdpAgentProcess server = UdpAgentProcess.start(lab.server(), "echo");
        InetAddress address = lab.server().address();
        echo = new InetSocketAddress(address, server.open("echo", address, 7000, true));
    }

    @AfterAll
    static void closeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void totalLossDropsForwardedPacketsUntilRemoved() {
        agent.open("loss");
        agent.observedBy("loss", echo);

        nat.setLoss(1.0);
        agent.send("loss", echo, "lost");
        nat.setLoss(0);
        agent.send("loss", echo, "kept");

        agent.awaitReceived("loss", r -> r.data().endsWith(" kept"), WAIT);
        assertThat(agent.takeReceived("loss")).extracting(Received::data).noneMatch(data -> data.endsWith(" lost"));
    }

    @Test
    void flushingForgetsTheMapping() {
        LabEnvironment.assumeTool("conntrack");
        int port = agent.open("flush");
        agent.observedBy("flush", echo);
        assertThat(mappingsOf(port)).hasSize(1);

        nat.flushConntrack();

        assertThat(mappingsOf(port)).isEmpty();
    }

    @Test
    void anIdleMappingExpiresAfterTheUdpTimeout() {
        LabEnvironment.assumeTool("conntrack");
        nat.setUdpTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1));
        try {
            int port = agent.open("timeout");
            agent.observedBy("timeout", echo);

            await().atMost(WAIT).until(() -> mappingsOf(port).isEmpty());
        } finally {
            nat.setUdpTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(120));
        }
    }

    @Test
    void aCaptureOnTheWanSeesThePayloadInClear() {
        LabEnvironment.assumeTool("tcpdump");
        agent.open("capture");
        Capture capture = nat.capture(NatRouter.WAN, "udp");

        agent.send("capture", echo, "plaintext-marker");
        agent.awaitReceived("capture", r -> r.data().endsWith(" plaintext-marker"), WAIT);

        capture.awaitFrame("seen ", WAIT); // the echo's reply, after the request on this wire
        assertThat(capture.frames()).hasSize(2);
        assertThat(capture.contains("plaintext-marker")).isTrue();
        assertThat(capture.contains("never-sent")).isFalse();
    }

    private static List<ConntrackEntry> mappingsOf(int port) {
        InetSocketAddress host = new InetSocketAddress(nat.hosts().getFirst().address(), port);
        return nat.conntrack().stream().filter(entry -> entry.original().source().equals(host)).toList();
    }
}
