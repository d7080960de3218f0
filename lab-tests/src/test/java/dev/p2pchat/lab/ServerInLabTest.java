package dev.p2pchat.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The real packaged server on the lab's server host ({@link LabServer}: two addresses, RFC 5780),
 * reached from behind every NAT kind and from a public host: HTTP, and STUN checked with an
 * independent client (Debian's RFC 3489-era {@code stun}, which also sends CHANGE-REQUEST).
 */
@NatLab
class ServerInLabTest {
    private static final Duration STUN_RUN = Duration.ofSeconds(60);

    /** How the Debian client words each kind; its first words name the mapping, then the filtering. */
    private static final Map<NatKind, String> EXPECTED_VERDICT = Map.of(
            NatKind.PORT_RESTRICTED, "Independent Mapping, Port Dependent Filter",
            NatKind.SYMMETRIC, "Dependent Mapping",
            NatKind.FULL_CONE, "Independent Mapping, Independent Filter");

    private static Lab lab;
    private static LabServer server;
    private static Host publicHost;
    private static final Map<NatKind, NatRouter> nats = new EnumMap<>(NatKind.class);

    @BeforeAll
    static void buildLab() {
        lab = Lab.create();
        for (NatKind kind : NatKind.values()) {
            nats.put(kind, lab.addNat(kind));
            nats.get(kind).addHost();
        }
        publicHost = lab.addPublicHost();
        server = LabServer.start(lab);
    }

    @AfterAll
    static void closeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @ParameterizedTest
    @EnumSource(NatKind.class)
    void healthzAnswersAHostBehindEveryNat(NatKind kind) throws Exception {
        LabEnvironment.assumeTool("curl");
        Host host = nats.get(kind).hosts().getFirst();

        CommandResult result = host.exec(LabEnvironment.require("curl"), "-sS", "--fail", "--max-time", "10",
                server.url() + "/healthz");

        JsonNode health = new ObjectMapper().readTree(result.stdout());
        assertThat(health.path("status").asText()).isEqualTo("ok");
        assertThat(health.has("users")).isTrue();
    }

    @Test
    void theStunClientBehindEveryNatLearnsItsNatsPublicAddressFromP2pchat() {
        LabEnvironment.assumeTool("stun");

        Map<NatKind, StunClient.Result> results = new EnumMap<>(NatKind.class);
        for (NatKind kind : NatKind.values()) {
            results.put(kind, StunClient.run(nats.get(kind).hosts().getFirst(), server.primary(), STUN_RUN));
        }

        for (NatKind kind : NatKind.values()) {
            StunClient.Result result = results.get(kind);
            assertThat(result.mapped()).as(kind + ": " + result).isPresent();
            assertThat(result.mapped().orElseThrow().getAddress()).as(kind.toString()).isEqualTo(nats.get(kind).publicAddress());
            // The client's classification needs p2pchat's CHANGE-REQUEST answers from the alternate address and port.
            assertThat(result.verdict()).as(kind + ": " + result).startsWith(EXPECTED_VERDICT.get(kind));
        }
    }

    @Test
    void theStunClientOnAPublicHostSeesItsOwnAddressAndNoNat() {
        LabEnvironment.assumeTool("stun");

        StunClient.Result result = StunClient.run(publicHost, server.primary(), STUN_RUN);

        assertThat(result.mapped()).as(result.toString()).isPresent();
        assertThat(result.mapped().orElseThrow().getAddress()).isEqualTo(publicHost.address());
        assertThat(result.verdict()).as(result.toString()).startsWith("Open");
    }
}
