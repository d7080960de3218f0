package dev.p2pchat.lab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p2pchat.lab.tools.UdpAgent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Drives a {@link UdpAgent} running on a lab host: open sockets, send (with a chosen IP TTL), punch,
 * and wait for what arrived. Each call that changes something waits for the agent's event for it.
 */
public final class UdpAgentProcess {
    /** Generous: the first command also waits for the agent's JVM to start on a busy machine. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_TTL = 64;

    /** A datagram the agent received. */
    public record Received(String socket, InetSocketAddress from, String data) {}

    private final LabProcess process;

    private UdpAgentProcess(LabProcess process) {
        this.process = process;
    }

    /** Starts an agent on {@code host}; it is ready once the first command is answered. */
    public static UdpAgentProcess start(Host host, String label) {
        return new UdpAgentProcess(host.startJava(label, UdpAgent.class));
    }

    public LabProcess process() {
        return process;
    }

    /** Binds socket {@code id} to {@code address:port}; returns the bound port. */
    public int open(String id, InetAddress address, int port, boolean echo) {
        process.send("open " + id + " " + address.getHostAddress() + " " + port + (echo ? " echo" : ""));
        return Integer.parseInt(awaitEvent("opened", id).get("port").asText());
    }

    /** Binds socket {@code id} to any address and a free port; returns the port. */
    public int open(String id) {
        return open(id, InetAddress.ofLiteral("0.0.0.0"), 0, false);
    }

    public void send(String id, InetSocketAddress to, int ttl, String data) {
        process.send("send " + id + " " + text(to) + " " + ttl + " " + data);
        awaitEvent("sent", id);
    }

    public void send(String id, InetSocketAddress to, String data) {
        send(id, to, DEFAULT_TTL, data);
    }

    /** Starts sending {@code count} datagrams {@code gap} apart; {@link #awaitPunched} waits for the end. */
    public void punch(String id, InetSocketAddress to, int count, Duration gap, String data) {
        process.send("punch " + id + " " + text(to) + " " + count + " " + gap.toMillis() + " " + data);
    }

    public void awaitPunched(String id) {
        awaitEvent("punched", id);
    }

    public void close(String id) {
        process.send("close " + id);
        awaitEvent("closed", id);
    }

    /** Waits for a datagram on socket {@code id} that matches. */
    public Received awaitReceived(String id, Predicate<Received> match, Duration timeout) {
        return received(process.awaitJson(node -> isReceived(node, id) && match.test(received(node)), timeout));
    }

    /** Takes every datagram socket {@code id} has received so far and nobody awaited yet. */
    public List<Received> takeReceived(String id) {
        List<Received> all = new ArrayList<>();
        for (Optional<JsonNode> node; (node = process.takeJson(n -> isReceived(n, id))).isPresent(); ) {
            all.add(received(node.get()));
        }
        return all;
    }

    /**
     * Asks an echo (an agent socket opened with {@code echo}) what source address it sees for socket
     * {@code id}: the public endpoint of {@code id}'s mapping toward that echo, as STUN would tell.
     */
    public InetSocketAddress observedBy(String id, InetSocketAddress echo) {
        String token = "probe-" + System.nanoTime();
        send(id, echo, token);
        Received reply = awaitReceived(id, r -> r.from().equals(echo) && r.data().endsWith(" " + token), TIMEOUT);
        String seen = reply.data().split(" ")[1];
        int colon = seen.lastIndexOf(':');
        return new InetSocketAddress(InetAddress.ofLiteral(seen.substring(0, colon)), Integer.parseInt(seen.substring(colon + 1)));
    }

    private JsonNode awaitEvent(String event, String id) {
        JsonNode node = process.awaitJson(
                n -> (n.path("event").asText().equals(event) && n.path("socket").asText().equals(id))
                        || n.path("event").asText().equals("error"),
                TIMEOUT);
        if (node.path("event").asText().equals("error")) {
            throw new IllegalStateException(process.label() + ": " + node.path("message").asText());
        }
        return node;
    }

    private static boolean isReceived(JsonNode node, String id) {
        return node.path("event").asText().equals("recv") && node.path("socket").asText().equals(id);
    }

    private static Received received(JsonNode node) {
        String from = node.get("from").asText();
        int colon = from.lastIndexOf(':');
        InetSocketAddress address =
                new InetSocketAddress(InetAddress.ofLiteral(from.substring(0, colon)), Integer.parseInt(from.substring(colon + 1)));
        return new Received(node.get("socket").asText(), address, node.get("data").asText());
    }

    static String text(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + " " + address.getPort();
    }
}
