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
 * The real packaged server on the lab's server host, reached from behind every NAT kind; and STUN
 * from behind every NAT kind, checked with an independent client (Debian stun) against coturn,
 * until the p2pchat server answers STUN itself.
 */
@NatLab
class ServerInLabTest {
    private static final Duration START = Duration.ofSeconds(60);
    private static final int HTTP_PORT = 5000;
    private static final int STUN_PORT = 3478;
    private static final int P2PCHAT_STUN_PORT = 3578;

    private static final Map<NatKind, String> EXPECTED_VERDICT = Map.of(
            NatKind.PORT_RESTRICTED, "Independent Mapping, Port Dependent Filter",
            NatKind.SYMMETRIC, "Dependent Mapping",
            NatKind.FULL_CONE, "Independent Mapping, Independent Filter");

    private static Lab lab;
    private static final Map<NatKind, NatRouter> nats = new EnumMap<>(NatKind.class);

    @BeforeAll
    static void buildLab() {
        lab = Lab.create();
        for (NatKind kind : NatKind.values()) {
            nats.put(kind, lab.addNat(kind));
            nats.get(kind).addHost();
        }
        // p2pchat's own STUN server moves off 3478: coturn takes 3478 and 3479 on this host below.
        lab.server().startP2pchat("p2pchat-server", "server",
                "--bind", "0.0.0.0", "--http-port", Integer.toString(HTTP_PORT), "--stun-port", Integer.toString(P2PCHAT_STUN_PORT),
                "--data-dir", lab.directory().resolve("server-data").toString());
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
        lab.server().awaitListening("tcp", HTTP_PORT, START);
        Host host = nats.get(kind).hosts().getFirst();

        CommandResult result = host.exec(LabEnvironment.require("curl"), "-sS", "--fail", "--max-time", "10",
                "http://" + lab.server().address().getHostAddress() + ":" + HTTP_PORT + "/healthz");

        JsonNode health = new ObjectMapper().readTree(result.stdout());
        assertThat(health.path("status").asText()).isEqualTo("ok");
        assertThat(health.has("users")).isTrue();
    }

    @Test
    void theStunClientBehindEveryNatLearnsItsNatsPublicAddress() {
        LabEnvironment.assumeTool("stun");
        LabEnvironment.assumeTool("turnserver");
        startCoturn();

        Map<NatKind, StunClient.Result> results = new EnumMap<>(NatKind.class);
        for (NatKind kind : NatKind.values()) {
            results.put(kind, StunClient.run(nats.get(kind).hosts().getFirst(), lab.server().address(), START));
        }

        for (NatKind kind : NatKind.values()) {
            StunClient.Result result = results.get(kind);
            assertThat(result.mapped()).as(kind + ": " + result).isPresent();
            assertThat(result.mapped().orElseThrow().getAddress()).as(kind.toString()).isEqualTo(nats.get(kind).publicAddress());
            // An independent opinion on what the lab's NAT kinds claim to be.
            assertThat(result.verdict()).as(kind.toString()).startsWith(EXPECTED_VERDICT.get(kind));
        }
    }

    /** coturn as a plain RFC 5780 STUN server on both server addresses, its files in the lab directory. */
    private static void startCoturn() {
        lab.server().start("coturn", LabEnvironment.require("turnserver"), "-n", "--no-cli", "--stun-only",
                "-L", lab.server().addresses().get(0).getHostAddress(),
                "-L", lab.server().addresses().get(1).getHostAddress(),
                "--listening-port", Integer.toString(STUN_PORT), "--no-tls", "--no-dtls",
                "--log-file", "stdout", "--simple-log",
                "--pidfile", lab.directory().resolve("turnserver.pid").toString(),
                "--db", lab.directory().resolve("turndb").toString());
        lab.server().awaitListening("udp", STUN_PORT, START);
    }
}
