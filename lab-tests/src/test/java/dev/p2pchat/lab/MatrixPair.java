package dev.p2pchat.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p2pchat.lab.MatrixEnds.Access;
import dev.p2pchat.lab.MatrixEnds.End;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.awaitility.Awaitility;

/**
 * One pair of the NAT matrix as a user sees it: {@code a} on the left end of {@code aSide} asks for
 * {@code b} on the right end of {@code bSide}, and sends its first message as soon as it is
 * {@code ready}, before anything is connected. Checks that both connect, that the path they end on is
 * the expected one (a relayed start that upgrades shows a {@code path} event), that the first message
 * and a round of messages both ways arrive once and in order, and measures what the issue asks for.
 */
record MatrixPair(Access aSide, Access bSide, String expected) {
    static final String DIRECT = "direct";
    static final String RELAYED = "relayed";
    /** Either final path, for a pair whose direct path depends on luck (see NatMatrixInLabTest#MATRIX). */
    static final String EITHER = "direct or relayed";
    /** Each side's agent checks direct pairs for 10 s (connectTimeout) after it started. */
    private static final Duration UPGRADE = Duration.ofSeconds(30);
    /** A relayed pair must still be relayed this long after connecting: past every direct check. */
    private static final Duration STAYS_RELAYED = Duration.ofSeconds(12);
    private static final Duration EXCHANGE = Duration.ofSeconds(60);
    /** Time for both sides to report the same path after one of them moved. */
    private static final Duration AGREE = Duration.ofSeconds(5);
    static final int MESSAGES = 5;

    /** What one run of a pair measured. {@code upgradeMs} only for a relayed start that went direct. */
    record Figures(MatrixPair pair, String relay, String pathAtConnect, String finalPath, long setupMs,
            long firstMessageMs, OptionalLong upgradeMs, long exchangeMs) {}

    String name() {
        return label(aSide) + " <-> " + label(bSide);
    }

    String tag() {
        return aSide.tag + "-" + bSide.tag;
    }

    /** Runs the pair; every text it sends contains {@code canary}. Throws AssertionError when it fails. */
    Figures run(Lab lab, LabServer server, MatrixEnds ends, String relay, String canary) {
        End aEnd = ends.left(aSide);
        End bEnd = ends.right(bSide);
        try (ChatPair chat = ChatPair.start(lab, server, aEnd.host(), bEnd.host(), relay + "-" + tag())) {
            JsonNode ready = chat.a().await("ready", ChatPair.START);
            String first = canary + " first from " + chat.a().user();
            chat.a().send(first);
            ChatPair.Connection connection = chat.awaitConnected(ChatPair.CONNECT);
            OptionalLong upgradeMs = awaitFinalPath(chat, connection, aEnd, bEnd);
            ChatPair.assertDelivered(chat.a(), chat.b(), new ChatPair.Mark(0, 0, 0), new ChatPair.Mark(0, 0, 0),
                    List.of(first), EXCHANGE);
            JsonNode firstMessage = chat.b().events("message").getFirst();
            Duration exchange = chat.exchange(canary, MESSAGES, EXCHANGE);
            if (expected.equals(RELAYED)) {
                assertStaysRelayed(chat, connection);
            }
            if (expected.equals(EITHER)) {
                awaitAgreement(chat);
            }
            String finalPath = lastPath(chat.a());
            assertThat(List.of(finalPath, lastPath(chat.b()))).as("%s: final paths\n%s", name(),
                    chat.diagnostics()).containsOnly(expected.equals(EITHER) ? finalPath : expected);
            return new Figures(this, relay, connection.a().path("path").asText(), finalPath,
                    connection.setupMs(), millis(ready, chat.a(), firstMessage, chat.b()), upgradeMs,
                    exchange.toMillis());
        }
    }

    /**
     * Both sides must end on the expected path: a direct expectation is met by a direct connection or
     * by a {@code path} event that moves a relayed one to direct, whose remote is the peer's public
     * address. Returns the time from a's relayed {@code connected} to its {@code path} event.
     */
    private OptionalLong awaitFinalPath(ChatPair chat, ChatPair.Connection connection, End aEnd, End bEnd) {
        String atConnect = connection.a().path("path").asText();
        String wanted = expected.equals(EITHER) ? awaitChecksOver(chat, connection) : expected;
        if (!wanted.equals(DIRECT)) {
            assertThat(atConnect).as("%s: path at connect\n%s", name(), chat.diagnostics()).isEqualTo(wanted);
            assertThat(connection.b().path("path").asText()).as("%s: b's path at connect", name()).isEqualTo(wanted);
            return OptionalLong.empty();
        }
        JsonNode atA = directEvent(chat.a(), connection.a());
        JsonNode atB = directEvent(chat.b(), connection.b());
        assertRemote(atA, bEnd);
        assertRemote(atB, aEnd);
        return atConnect.equals(RELAYED)
                ? OptionalLong.of(millis(connection.a(), chat.a(), atA, chat.a()))
                : OptionalLong.empty();
    }

    /** Waits until both sides are direct, or the direct checks are over; returns the path they are on. */
    private String awaitChecksOver(ChatPair chat, ChatPair.Connection connection) {
        long connectedAt = chat.a().arrivalNanos(connection.a());
        Awaitility.await().alias(name() + " direct or done checking").pollInterval(Duration.ofMillis(200))
                .atMost(STAYS_RELAYED.plusSeconds(5))
                .until(() -> bothDirect(chat) || System.nanoTime() - connectedAt > STAYS_RELAYED.toNanos());
        return bothDirect(chat) ? DIRECT : RELAYED;
    }

    /**
     * A pair that may end on either path can still move to direct later (a retry round while relayed,
     * docs/architecture.md "And back to the relay"), and its two sides report the move a round trip apart:
     * the final path is the one both report, once they agree.
     */
    private void awaitAgreement(ChatPair chat) {
        Awaitility.await().alias(name() + " both sides on the same path").pollInterval(Duration.ofMillis(100))
                .atMost(AGREE).until(() -> lastPath(chat.a()).equals(lastPath(chat.b())));
    }

    private static boolean bothDirect(ChatPair chat) {
        return lastPath(chat.a()).equals(DIRECT) && lastPath(chat.b()).equals(DIRECT);
    }

    /** The {@code connected} event if it is direct, else the {@code path} event that made it direct. */
    private JsonNode directEvent(ChatPeer peer, JsonNode connected) {
        if (connected.path("path").asText().equals(DIRECT)) {
            return connected;
        }
        try {
            return peer.await("path", e -> e.path("path").asText().equals(DIRECT), UPGRADE);
        } catch (AssertionError e) {
            throw new AssertionError(name() + ": " + peer.user() + " connected relayed and never moved to direct: "
                    + e.getMessage(), e);
        }
    }

    private void assertRemote(JsonNode direct, End peer) {
        String remote = direct.path("remote").asText();
        assertThat(remote.substring(0, remote.lastIndexOf(':'))).as("%s: direct to the peer's public address: %s",
                name(), direct).isEqualTo(peer.publicAddress().getHostAddress());
    }

    /** No {@code path} event may have moved the pair off the relay, until every direct check is over. */
    private void assertStaysRelayed(ChatPair chat, ChatPair.Connection connection) {
        long connectedAt = chat.a().arrivalNanos(connection.a());
        Duration left = STAYS_RELAYED.minusNanos(System.nanoTime() - connectedAt);
        if (left.isPositive()) {
            Awaitility.await().alias(name() + " stays relayed").pollInterval(Duration.ofMillis(200))
                    .during(left).atMost(left.plusSeconds(5))
                    .until(() -> lastPath(chat.a()).equals(RELAYED) && lastPath(chat.b()).equals(RELAYED));
        }
        assertThat(lastPath(chat.a())).as("%s: a's final path", name()).isEqualTo(RELAYED);
        assertThat(lastPath(chat.b())).as("%s: b's final path", name()).isEqualTo(RELAYED);
    }

    /** The path of the last {@code connected} or {@code path} event. */
    private static String lastPath(ChatPeer peer) {
        Optional<JsonNode> last = peer.events().stream()
                .filter(e -> e.path("type").asText().equals("connected") || e.path("type").asText().equals("path"))
                .reduce((x, y) -> y);
        return last.map(e -> e.path("path").asText()).orElse("none");
    }

    private static long millis(JsonNode from, ChatPeer fromPeer, JsonNode to, ChatPeer toPeer) {
        return Duration.ofNanos(toPeer.arrivalNanos(to) - fromPeer.arrivalNanos(from)).toMillis();
    }

    private static String label(Access access) {
        return access.name().toLowerCase().replace('_', '-');
    }
}
