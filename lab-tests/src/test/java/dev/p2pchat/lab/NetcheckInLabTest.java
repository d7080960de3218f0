package dev.p2pchat.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code p2pchat netcheck --json} against the real server's RFC 5780 STUN service, from behind every
 * NAT kind and from a public host: each report must name the behaviour the lab built (docs/lab.md).
 * The probes run at once, one per host, as the probe's waits for unanswered tests dominate.
 */
@NatLab
class NetcheckInLabTest {
    private static final Duration PROBE = Duration.ofSeconds(60);

    private static Lab lab;
    private static LabServer server;
    private static final Map<NatKind, NatRouter> nats = new EnumMap<>(NatKind.class);
    private static final Map<NatKind, JsonNode> reports = new EnumMap<>(NatKind.class);
    private static Host publicHost;
    private static JsonNode publicReport;

    @BeforeAll
    static void probeFromEveryHost() {
        lab = Lab.create();
        for (NatKind kind : NatKind.values()) {
            nats.put(kind, lab.addNat(kind));
            nats.get(kind).addHost();
        }
        publicHost = lab.addPublicHost();
        server = LabServer.start(lab);

        Map<NatKind, LabProcess> probes = new EnumMap<>(NatKind.class);
        for (NatKind kind : NatKind.values()) {
            probes.put(kind, netcheck(nats.get(kind).hosts().getFirst(), "netcheck-" + kind));
        }
        LabProcess publicProbe = netcheck(publicHost, "netcheck-public");
        probes.forEach((kind, probe) -> reports.put(kind, report(probe)));
        publicReport = report(publicProbe);
    }

    @AfterAll
    static void closeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void behindAPortRestrictedNatTheMappingIsIndependentAndTheFilterPortDependent() {
        JsonNode report = reports.get(NatKind.PORT_RESTRICTED);

        assertBehind(NatKind.PORT_RESTRICTED, report);
        assertThat(report.path("mapping").asText()).as(report.toString()).isEqualTo("endpoint-independent");
        assertThat(report.path("filtering").asText()).as(report.toString()).isEqualTo("address-and-port-dependent");
        // MASQUERADE keeps a free inner port.
        assertThat(port(report.path("public").asText())).as(report.toString()).isEqualTo(port(report.path("local").asText()));
        assertThat(report.path("verdict").asText()).contains("direct connections will work");
    }

    @Test
    void behindASymmetricNatTheMappingDependsOnTheDestination() {
        JsonNode report = reports.get(NatKind.SYMMETRIC);

        assertBehind(NatKind.SYMMETRIC, report);
        assertThat(report.path("mapping").asText()).as(report.toString()).isEqualTo("address-and-port-dependent");
        assertThat(report.path("filtering").asText()).as(report.toString()).isEqualTo("address-and-port-dependent");
        assertThat(report.path("verdict").asText()).contains("symmetric NAT").contains("relay");
    }

    @Test
    void behindAFullConeNatMappingAndFilteringAreIndependent() {
        JsonNode report = reports.get(NatKind.FULL_CONE);

        assertBehind(NatKind.FULL_CONE, report);
        assertThat(report.path("mapping").asText()).as(report.toString()).isEqualTo("endpoint-independent");
        assertThat(report.path("filtering").asText()).as(report.toString()).isEqualTo("endpoint-independent");
        assertThat(port(report.path("public").asText())).as(report.toString()).isEqualTo(port(report.path("local").asText()));
        assertThat(report.path("verdict").asText()).contains("direct connections will work");
    }

    @Test
    void aPublicHostIsNotBehindANatAndIsOpen() {
        JsonNode report = publicReport;

        assertThat(report.path("udp").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.path("behind_nat").asBoolean()).as(report.toString()).isFalse();
        assertThat(host(report.path("public").asText())).isEqualTo(publicHost.address().getHostAddress());
        assertThat(port(report.path("public").asText())).isEqualTo(port(report.path("local").asText()));
        // No firewall on the lab's public hosts: anyone may send to the socket.
        assertThat(report.path("filtering").asText()).as(report.toString()).isEqualTo("endpoint-independent");
        assertThat(report.path("verdict").asText()).contains("public address");
    }

    private static void assertBehind(NatKind kind, JsonNode report) {
        assertThat(report.path("udp").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.path("behind_nat").asBoolean()).as(report.toString()).isTrue();
        assertThat(host(report.path("public").asText())).as(report.toString())
                .isEqualTo(nats.get(kind).publicAddress().getHostAddress());
        // Linux MASQUERADE does not hairpin: a packet to the NAT's own public address does not come back in.
        assertThat(report.path("hairpinning").asBoolean(true)).as(report.toString()).isFalse();
        assertThat(report.path("stun").asText()).isEqualTo(server.primary().getHostAddress() + ":" + LabServer.STUN_PORT);
    }

    private static LabProcess netcheck(Host host, String label) {
        return host.startP2pchat(label, "netcheck", "--server", server.url(), "--json");
    }

    private static JsonNode report(LabProcess probe) {
        JsonNode report = probe.awaitJson(node -> node.path("type").asText().equals("netcheck"), PROBE);
        assertThat(probe.awaitExit(PROBE)).as(probe.diagnostics()).isTrue();
        assertThat(probe.exitCode()).as(probe.diagnostics()).contains(0);
        return report;
    }

    private static String host(String endpoint) {
        return endpoint.substring(0, endpoint.lastIndexOf(':'));
    }

    private static int port(String endpoint) {
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }
}
