package dev.p2pchat.lab.tools;

import dev.p2pchat.lab.tools.NativeUdpSocket.Datagram;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A scriptable UDP endpoint run inside a lab namespace by the test JVM: commands on stdin, one JSON
 * event per line on stdout. The lab's probe, echo and hole-punching peer in one small program.
 *
 * <pre>
 * open ID ADDRESS PORT [echo]         bind socket ID (PORT 0: any); echo answers "seen IP:PORT DATA"
 * send ID IP PORT TTL DATA...         one datagram with IP TTL (2: dies at the internet router)
 * punch ID IP PORT COUNT GAP_MS DATA  COUNT datagrams GAP_MS apart, then {"event":"punched"}
 * close ID                            quit
 *
 * events: ready, opened {socket,port}, sent {socket,to,ttl}, recv {socket,from,data},
 *         punched {socket,to,count}, closed {socket}, error {message}
 * </pre>
 */
public final class UdpAgent {
    // How often a receive loop looks up from recvfrom to notice a close: bounds how long close takes.
    private static final Duration POLL = Duration.ofMillis(20);
    private static final int MAX_DATAGRAM = 2048;

    private final Map<String, Endpoint> sockets = new ConcurrentHashMap<>();

    public static void main(String[] args) throws IOException {
        new UdpAgent().run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
    }

    private void run(BufferedReader commands) throws IOException {
        Events.emit("ready");
        for (String line; (line = commands.readLine()) != null; ) {
            if (line.isBlank()) {
                continue;
            }
            if (line.strip().equals("quit")) {
                break;
            }
            try {
                execute(line.strip().split(" "), line.strip());
            } catch (IOException | RuntimeException e) {
                Events.emit("error", "message", line + ": " + e);
            }
        }
        sockets.values().forEach(Endpoint::close);
    }

    private void execute(String[] words, String line) throws IOException {
        switch (words[0]) {
            case "open" -> open(words[1], InetAddress.ofLiteral(words[2]), Integer.parseInt(words[3]),
                    words.length > 4 && words[4].equals("echo"));
            case "send" -> send(socket(words[1]), peer(words[2], words[3]), Integer.parseInt(words[4]), rest(line, 5));
            case "punch" -> punch(socket(words[1]), peer(words[2], words[3]), Integer.parseInt(words[4]),
                    Duration.ofMillis(Long.parseLong(words[5])), rest(line, 6));
            case "close" -> socket(words[1]).close();
            default -> throw new IllegalArgumentException("unknown command");
        }
    }

    private void open(String id, InetAddress address, int port, boolean echo) throws IOException {
        NativeUdpSocket socket = NativeUdpSocket.bind(address, port, POLL);
        Endpoint endpoint = new Endpoint(id, socket, echo);
        if (sockets.putIfAbsent(id, endpoint) != null) {
            socket.close();
            throw new IllegalArgumentException("socket " + id + " is open");
        }
        Events.emit("opened", "socket", id, "port", Integer.toString(socket.localPort()));
        Thread.ofPlatform().daemon().name("recv-" + id).start(endpoint::receiveLoop);
    }

    private static void send(Endpoint endpoint, InetSocketAddress to, int ttl, String data) throws IOException {
        endpoint.send(to, ttl, data);
        Events.emit("sent", "socket", endpoint.id, "to", text(to), "ttl", Integer.toString(ttl));
    }

    /** Sends on its own thread so that the agent keeps reading commands meanwhile. */
    private static void punch(Endpoint endpoint, InetSocketAddress to, int count, Duration gap, String data) {
        Thread.ofPlatform().daemon().name("punch-" + endpoint.id).start(() -> {
            try {
                for (int i = 0; i < count; i++) {
                    endpoint.send(to, 64, data);
                    Thread.sleep(gap);
                }
                Events.emit("punched", "socket", endpoint.id, "to", text(to), "count", Integer.toString(count));
            } catch (IOException e) {
                Events.emit("error", "message", "punch " + endpoint.id + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private Endpoint socket(String id) {
        Endpoint endpoint = sockets.get(id);
        if (endpoint == null) {
            throw new IllegalArgumentException("no socket " + id);
        }
        return endpoint;
    }

    private static InetSocketAddress peer(String ip, String port) {
        return new InetSocketAddress(InetAddress.ofLiteral(ip), Integer.parseInt(port));
    }

    /** The text after the first {@code words} words of {@code line}. */
    private static String rest(String line, int words) {
        String[] parts = line.split(" ", words + 1);
        return parts.length > words ? parts[words] : "";
    }

    static String text(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    /** One open socket and its receive loop; the loop owns closing the descriptor. */
    private final class Endpoint {
        private final String id;
        private final NativeUdpSocket socket;
        private final boolean echo;
        private volatile boolean open = true;

        Endpoint(String id, NativeUdpSocket socket, boolean echo) {
            this.id = id;
            this.socket = socket;
            this.echo = echo;
        }

        // The TTL is per socket: set it, send, and restore, as one step.
        synchronized void send(InetSocketAddress to, int ttl, String data) throws IOException {
            socket.setTtl(ttl);
            try {
                socket.send(to, data.getBytes(StandardCharsets.UTF_8));
            } finally {
                socket.setTtl(64);
            }
        }

        void receiveLoop() {
            try {
                while (open) {
                    Optional<Datagram> datagram = socket.receive(MAX_DATAGRAM);
                    if (datagram.isPresent()) {
                        handle(datagram.get());
                    }
                }
            } catch (IOException e) {
                Events.emit("error", "message", "receive " + id + ": " + e);
            } finally {
                socket.close();
                sockets.remove(id, this);
                Events.emit("closed", "socket", id);
            }
        }

        private void handle(Datagram datagram) throws IOException {
            String data = new String(datagram.data(), StandardCharsets.UTF_8);
            Events.emit("recv", "socket", id, "from", text(datagram.from()), "data", data);
            if (echo) {
                send(datagram.from(), 64, "seen " + text(datagram.from()) + " " + data);
            }
        }

        void close() {
            open = false;
        }
    }
}
