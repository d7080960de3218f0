package dev.p2pchat.lab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One run of {@code p2pchat chat --json --accept-all} on a lab host, read through the README's JSON
 * contract: every stdout line is parsed once into an event list that only grows, so that waiting for
 * the thousandth message costs no more than waiting for the first. Awaits never consume events: they
 * ask for the n-th event of a type, or the first one matching. {@link #restart()} starts the same
 * user again on the same data directory (keys, history, outbox), as a new run.
 */
public final class ChatPeer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(20);

    private final Host host;
    private final LabServer server;
    private final String user;
    private final Optional<String> peer;
    private final Path dataDirectory;
    private final List<String> extraArgs;
    private final LabProcess process;
    private final List<JsonNode> events = new ArrayList<>();
    private final Map<JsonNode, Long> arrivals = new IdentityHashMap<>();
    private int linesRead;

    private ChatPeer(Host host, LabServer server, String user, Optional<String> peer, Path dataDirectory,
            List<String> extraArgs, LabProcess process) {
        this.host = host;
        this.server = server;
        this.user = user;
        this.peer = peer;
        this.dataDirectory = dataDirectory;
        this.extraArgs = List.copyOf(extraArgs);
        this.process = process;
    }

    /**
     * Starts {@code user} on {@code host}, asking for {@code peer} if given, accepting whoever asks
     * otherwise; its data directory is {@code USER-data} in the lab directory.
     */
    public static ChatPeer start(Lab lab, Host host, LabServer server, String user, Optional<String> peer,
            String... extraArgs) {
        return launch(host, server, user, peer, lab.directory().resolve(user + "-data"), List.of(extraArgs));
    }

    private static ChatPeer launch(Host host, LabServer server, String user, Optional<String> peer, Path data,
            List<String> extraArgs) {
        List<String> args = new ArrayList<>(List.of("chat", "--json", "--accept-all", "--server", server.url(),
                "--user", user, "--data-dir", data.toString()));
        peer.ifPresent(p -> args.addAll(List.of("--peer", p)));
        args.addAll(extraArgs);
        LabProcess process = host.startP2pchat(user, args.toArray(String[]::new));
        return new ChatPeer(host, server, user, peer, data, extraArgs, process);
    }

    /** The same user, host, arguments and data directory, as a new process (after {@link #kill()}). */
    public ChatPeer restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(user + " is still running");
        }
        return launch(host, server, user, peer, dataDirectory, extraArgs);
    }

    public String user() {
        return user;
    }

    public Host host() {
        return host;
    }

    public LabProcess process() {
        return process;
    }

    /** One message: a line on stdin. */
    public void send(String text) {
        process.send(text);
    }

    /** Many messages in one write. */
    public void sendAll(List<String> texts) {
        process.send(String.join("\n", texts));
    }

    /** Every event so far, in order. */
    public synchronized List<JsonNode> events() {
        List<String> lines = process.stdout();
        for (; linesRead < lines.size(); linesRead++) {
            String line = lines.get(linesRead);
            if (line.startsWith("{")) {
                try {
                    JsonNode event = JSON.readTree(line);
                    events.add(event);
                    arrivals.put(event, process.arrivalNanos(linesRead));
                } catch (JsonProcessingException e) {
                    throw new AssertionError(user + " printed a line that breaks the JSON contract: " + line, e);
                }
            }
        }
        return List.copyOf(events);
    }

    /** When {@code event}, one of this client's, was printed ({@link System#nanoTime()}, see {@link LabProcess#arrivalNanos}). */
    public synchronized long arrivalNanos(JsonNode event) {
        Long nanos = arrivals.get(event);
        if (nanos == null) {
            throw new IllegalArgumentException(event + " is not an event of " + user);
        }
        return nanos;
    }

    /** Every event of one type so far ({@code "message"}, {@code "delivered"}, ...), in order. */
    public List<JsonNode> events(String type) {
        return events().stream().filter(e -> e.path("type").asText().equals(type)).toList();
    }

    /** Waits for the first event of {@code type} that matches. */
    public JsonNode await(String type, Predicate<JsonNode> match, Duration timeout) {
        return awaitCondition(type + " event", timeout,
                () -> events(type).stream().filter(match).findFirst());
    }

    /** Waits for the first event of {@code type}. */
    public JsonNode await(String type, Duration timeout) {
        return await(type, e -> true, timeout);
    }

    /** Waits until there are {@code count} events of {@code type}; returns them all. */
    public List<JsonNode> awaitCount(String type, int count, Duration timeout) {
        return awaitCondition(count + " " + type + " events", timeout,
                () -> Optional.of(events(type)).filter(list -> list.size() >= count));
    }

    /** Waits for the first event of {@code type} after the first {@code skip} ones. */
    public JsonNode awaitNext(String type, int skip, Duration timeout) {
        return awaitCount(type, skip + 1, timeout).get(skip);
    }

    /** The texts of every {@code message} event so far, in order. */
    public List<String> receivedTexts() {
        return events("message").stream().map(e -> e.path("text").asText()).toList();
    }

    /** SIGKILL to the client, at once: its outbox stays as the kill left it. */
    public void kill() {
        process.kill();
    }

    @Override
    public void close() {
        process.stop();
    }

    /** The last events and stderr lines, for failure messages. */
    public String diagnostics() {
        List<JsonNode> all = events();
        List<String> tail = all.subList(Math.max(0, all.size() - 15), all.size()).stream().map(JsonNode::toString)
                .map(s -> s.length() > 300 ? s.substring(0, 300) + "..." : s).toList();
        return user + " events (" + all.size() + ", last 15):\n  " + String.join("\n  ", tail) + "\n"
                + process.diagnostics();
    }

    private <T> T awaitCondition(String what, Duration timeout, Callable<Optional<T>> probe) {
        try {
            return Awaitility.await().alias(user + " to print " + what)
                    .atMost(timeout)
                    .pollInSameThread()
                    .pollDelay(Duration.ZERO)
                    .pollInterval(POLL)
                    .until(probe, Optional::isPresent)
                    .orElseThrow();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + diagnostics(), e);
        }
    }

    @Override
    public String toString() {
        return user + "@" + host.name();
    }
}
