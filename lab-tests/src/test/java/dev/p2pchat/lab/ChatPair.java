package dev.p2pchat.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Two real chat clients in a lab, {@code a-TAG} asking for {@code b-TAG} (who accepts everyone), and
 * the checks every chat test shares: both connected, and messages both ways that arrive once, in
 * order, with the sender's id, each followed by a delivery receipt.
 *
 * <p>{@code b} starts first and must be {@code ready} (registered) before {@code a} asks for it, so
 * that a run measures connecting, not a lookup race.
 */
public final class ChatPair implements AutoCloseable {
    public static final Duration START = Duration.ofSeconds(60);
    /** The client tries three times for 10 s each before a connection counts as failed. */
    public static final Duration CONNECT = Duration.ofSeconds(40);

    private final String tag;
    private ChatPeer a;
    private ChatPeer b;

    /** Both clients connected to each other: their {@code connected} events. */
    public record Connection(JsonNode a, JsonNode b) {
        public long setupMs() {
            return Math.max(a.path("setup_ms").asLong(), b.path("setup_ms").asLong());
        }
    }

    private ChatPair(String tag, ChatPeer a, ChatPeer b) {
        this.tag = tag;
        this.a = a;
        this.b = b;
    }

    /** Starts {@code b-TAG} on {@code bHost}, waits until it is ready, then {@code a-TAG} on {@code aHost}. */
    public static ChatPair start(Lab lab, LabServer server, Host aHost, Host bHost, String tag, String... extraArgs) {
        ChatPeer b = ChatPeer.start(lab, bHost, server, "b-" + tag, Optional.empty(), extraArgs);
        b.await("ready", START);
        ChatPeer a = ChatPeer.start(lab, aHost, server, "a-" + tag, Optional.of("b-" + tag), extraArgs);
        return new ChatPair(tag, a, b);
    }

    public ChatPeer a() {
        return a;
    }

    public ChatPeer b() {
        return b;
    }

    /** After a client was killed and restarted: the pair goes on with the new run. */
    public void replace(ChatPeer old, ChatPeer restarted) {
        if (old == a) {
            a = restarted;
        } else if (old == b) {
            b = restarted;
        } else {
            throw new IllegalArgumentException(old + " is not in " + this);
        }
    }

    /** Waits until each side has reported {@code connected} to the other; returns both events. */
    public Connection awaitConnected(Duration timeout) {
        JsonNode atA = a.await("connected", e -> e.path("peer").asText().equals(b.user()), timeout);
        JsonNode atB = b.await("connected", e -> e.path("peer").asText().equals(a.user()), timeout);
        return new Connection(atA, atB);
    }

    /** Distinct texts for {@code count} messages from {@code from}, labelled {@code round}. */
    public List<String> texts(ChatPeer from, String round, int count) {
        return IntStream.range(0, count).mapToObj(i -> tag + " " + round + " " + from.user() + " #" + i).toList();
    }

    /**
     * Sends {@code count} messages each way at once and checks both directions: see
     * {@link #assertDelivered}. Returns how long it took until the last receipt.
     */
    public Duration exchange(String round, int count, Duration timeout) {
        return exchange(texts(a, round, count), texts(b, round, count), timeout);
    }

    /** Sends {@code fromA} and {@code fromB} at once and checks both directions: see {@link #assertDelivered}. */
    public Duration exchange(List<String> fromA, List<String> fromB, Duration timeout) {
        long started = System.nanoTime();
        Mark markA = Mark.of(a);
        Mark markB = Mark.of(b);
        a.sendAll(fromA);
        b.sendAll(fromB);
        assertDelivered(a, b, markA, markB, fromA, timeout);
        assertDelivered(b, a, markB, markA, fromB, timeout);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /**
     * Checks that {@code texts}, sent by {@code from} after {@code fromMark}, reached {@code to} after
     * {@code toMark} exactly once each, in order, under the ids of their {@code sent} events, and that
     * {@code from} got a {@code delivered} receipt for each id, once.
     */
    public static void assertDelivered(ChatPeer from, ChatPeer to, Mark fromMark, Mark toMark, List<String> texts,
            Duration timeout) {
        List<String> sentIds = ids(from.awaitCount("sent", fromMark.sent + texts.size(), timeout), fromMark.sent);
        List<JsonNode> received = to.awaitCount("message", toMark.messages + texts.size(), timeout)
                .subList(toMark.messages, toMark.messages + texts.size());
        assertThat(received).as("%s -> %s: who sent", from, to).allSatisfy(m ->
                assertThat(m.path("from").asText()).isEqualTo(from.user()));
        assertThat(received.stream().map(m -> m.path("text").asText()).toList())
                .as("%s -> %s: texts in order, once", from, to).containsExactlyElementsOf(texts);
        assertThat(received.stream().map(m -> m.path("id").asText()).toList())
                .as("%s -> %s: ids", from, to).containsExactlyElementsOf(sentIds.subList(0, texts.size()));
        List<String> delivered = ids(from.awaitCount("delivered", fromMark.delivered + texts.size(), timeout),
                fromMark.delivered);
        assertThat(delivered).as("%s: one receipt per message", from).containsExactlyInAnyOrderElementsOf(
                sentIds.subList(0, texts.size()));
        // Receipts may still be arriving for the last messages, but never a message twice.
        assertThat(to.events("message").size()).as("%s: no duplicates", to).isEqualTo(toMark.messages + texts.size());
    }

    private static List<String> ids(List<JsonNode> events, int skip) {
        List<String> ids = new ArrayList<>();
        events.subList(skip, events.size()).forEach(e -> ids.add(e.path("id").asText()));
        return ids;
    }

    /** How many of each counted event a client had printed at some point. */
    public record Mark(int sent, int delivered, int messages) {
        public static Mark of(ChatPeer peer) {
            return new Mark(peer.events("sent").size(), peer.events("delivered").size(), peer.events("message").size());
        }
    }

    /** Both clients' diagnostics, for failure messages. */
    public String diagnostics() {
        return a.diagnostics() + "\n" + b.diagnostics();
    }

    @Override
    public void close() {
        a.close();
        b.close();
    }

    @Override
    public String toString() {
        return a + " <-> " + b;
    }
}
