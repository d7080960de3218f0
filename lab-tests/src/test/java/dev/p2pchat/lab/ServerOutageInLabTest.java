package dev.p2pchat.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 on real NATs: the rendezvous server dies mid-chat (SIGKILL, as on a crash). The chat goes
 * on over its direct path; the clients notice ({@code reconnecting}); when the server is back on the
 * same data, both are registered and online again without anyone doing anything.
 */
@NatLab
class ServerOutageInLabTest {
    private static final Duration EXCHANGE = Duration.ofSeconds(60);
    private static final Duration BACK_ONLINE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void chatsGoOnWithoutTheServerAndClientsComeBackWhenItDoes() {
        LabEnvironment.assumeTool("curl");
        try (Lab lab = Lab.create()) {
            NatRouter left = lab.addNat(NatKind.PORT_RESTRICTED);
            NatRouter right = lab.addNat(NatKind.FULL_CONE);
            LabServer server = LabServer.start(lab);
            try (ChatPair pair = ChatPair.start(lab, server, left.addHost(), right.addHost(), "outage")) {
                pair.awaitConnected(ChatPair.CONNECT);
                pair.exchange("before", 5, EXCHANGE);
                awaitOnline(lab, server, pair.a().user());

                server.kill();
                pair.a().await("reconnecting", EXCHANGE);
                pair.b().await("reconnecting", EXCHANGE);
                Duration during = pair.exchange("server-down", 20, EXCHANGE);

                long restarted = System.nanoTime();
                server.restart();
                awaitOnline(lab, server, pair.a().user());
                awaitOnline(lab, server, pair.b().user());
                Duration back = Duration.ofNanos(System.nanoTime() - restarted);
                pair.exchange("server-back", 5, EXCHANGE);

                assertThat(pair.a().process().isAlive()).isTrue();
                assertThat(pair.b().process().isAlive()).isTrue();
                System.out.printf("server outage: 20 messages each way while it was down in %d ms; both clients online"
                        + " again %d ms after the restart (reconnecting events: a %d, b %d)%n", during.toMillis(),
                        back.toMillis(), pair.a().events("reconnecting").size(), pair.b().events("reconnecting").size());
            }
        }
    }

    /** Asks the server ({@code GET /v1/users/USER}, from its own host) until the user is online. */
    private static void awaitOnline(Lab lab, LabServer server, String user) {
        await().alias(user + " online at the server")
                .atMost(BACK_ONLINE)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(LabException.class)
                .until(() -> online(lab, server, user));
    }

    private static boolean online(Lab lab, LabServer server, String user) {
        CommandResult result = lab.server().exec(LabEnvironment.require("curl"), "-sS", "--fail", "--max-time", "5",
                server.url() + "/v1/users/" + user);
        try {
            JsonNode node = JSON.readTree(result.stdout());
            return node.path("online").asBoolean();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
