package dev.p2pchat.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p2pchat.lab.tools.RelayAgent;
import dev.p2pchat.protocol.turn.RestCredentials;
import dev.p2pchat.protocol.turn.TurnSecret;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 6 on real NATs: two hosts behind symmetric NATs (address-and-port-dependent mapping and
 * filtering), which no punching connects, get a RELAYED path through the real server's built-in relay,
 * and through real coturn sharing its secret (as {@code --turn-url --turn-secret} would advertise it).
 * The agents are the client's traversal stack ({@link RelayAgent}); the test plays signalling.
 */
@NatLab
class RelayInLabTest {
    private static final Duration STEP = Duration.ofSeconds(40);

    private static Lab lab;
    private static LabServer server;
    private static Host left;
    private static Host right;
    private static String secret;
    private static Coturn coturn;

    @BeforeAll
    static void buildLab() throws IOException {
        lab = Lab.create();
        left = lab.addNat(NatKind.SYMMETRIC).addHost();
        right = lab.addNat(NatKind.SYMMETRIC).addHost();
        server = LabServer.start(lab);
        // The built-in relay's generated secret: an operator would configure it on both (--turn-secret).
        secret = Files.readString(server.dataDirectory().resolve("turn-secret")).strip();
        coturn = Coturn.start(lab, secret).orElse(null);
    }

    @AfterAll
    static void closeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void symmetricPeersConnectThroughTheBuiltInRelay() throws Exception {
        relayedPair(LabServer.STUN_PORT, "alice1", "bob1");
    }

    @Test
    void symmetricPeersConnectThroughCoturn() throws Exception {
        Assumptions.assumeTrue(coturn != null, "coturn (/usr/bin/turnserver) is not installed: skipping");
        relayedPair(Coturn.PORT, "alice2", "bob2");
    }

    private static void relayedPair(int turnPort, String userA, String userB) throws Exception {
        LabProcess a = agent(left, turnPort, userA);
        LabProcess b = agent(right, turnPort, userB);
        assertThat(a.awaitJson(e -> e.path("event").asText().startsWith("relay"), STEP).get("event").asText())
                .as(a.diagnostics()).isEqualTo("relay");
        assertThat(b.awaitJson(e -> e.path("event").asText().startsWith("relay"), STEP).get("event").asText())
                .as(b.diagnostics()).isEqualTo("relay");

        a.send("gather");
        String offer = a.awaitJson(e -> e.path("event").asText().equals("description"), STEP).get("json").asText();
        b.send("gather");
        String answer = b.awaitJson(e -> e.path("event").asText().equals("description"), STEP).get("json").asText();
        assertThat(offer).contains("\"RELAY\"");
        b.send("connect CONTROLLED " + offer);
        a.send("connect CONTROLLING " + answer);

        JsonNode pathA = a.awaitJson(RelayInLabTest::outcome, STEP);
        JsonNode pathB = b.awaitJson(RelayInLabTest::outcome, STEP);
        assertThat(pathA.path("kind").asText()).as(pathA + "\n" + a.diagnostics()).isEqualTo("RELAYED");
        assertThat(pathB.path("kind").asText()).as(pathB + "\n" + b.diagnostics()).isEqualTo("RELAYED");

        a.send("send hello from " + userA);
        b.send("send hello from " + userB);
        assertThat(b.awaitJson(e -> e.path("event").asText().equals("frame"), STEP).get("data").asText())
                .isEqualTo("hello from " + userA);
        assertThat(a.awaitJson(e -> e.path("event").asText().equals("frame"), STEP).get("data").asText())
                .isEqualTo("hello from " + userB);
        a.send("quit");
        b.send("quit");
    }

    private static boolean outcome(JsonNode e) {
        String event = e.path("event").asText();
        return event.equals("path") || event.equals("failed");
    }

    /** A {@link RelayAgent} on {@code host}, on the packaged jar's code, with credentials as signalling issues them. */
    private static LabProcess agent(Host host, int turnPort, String user) throws URISyntaxException {
        String username = RestCredentials.username(Instant.now().plus(Duration.ofHours(1)), user);
        String password = RestCredentials.password(TurnSecret.of(secret), username);
        Path testClasses = Path.of(RelayAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> argv = new ArrayList<>(List.of(Launchers.javaCommand(), "--enable-native-access=ALL-UNNAMED",
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "-cp", Launchers.p2pchatJar() + ":" + testClasses, RelayAgent.class.getName(),
                server.primary().getHostAddress(), Integer.toString(LabServer.STUN_PORT),
                server.primary().getHostAddress(), Integer.toString(turnPort), username, password));
        return lab.start(host.netns(), "relay-agent-" + user, argv);
    }
}
