package dev.p2pchat.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The real {@code p2pchat server} on the lab's server host, as a user would run it on a public
 * machine with two addresses: signalling on {@code 198.18.0.10:5000}, STUN on {@code :3478} of both
 * addresses (RFC 5780 behaviour discovery: {@code --stun-alt-address 198.18.0.11}), its registry in
 * a data directory inside the lab directory; it advertises its STUN endpoint to clients. It can be killed and started again on the same data.
 * Its TURN relay is the built-in one on the STUN port, or an external one ({@link #startWithExternalRelay}).
 */
public final class LabServer {
    public static final int HTTP_PORT = 5000;
    public static final int STUN_PORT = 3478;
    private static final Duration START = Duration.ofSeconds(60);

    private final Lab lab;
    private final Path dataDirectory;
    private final List<String> relayArgs;
    private LabProcess process;

    private LabServer(Lab lab, List<String> relayArgs) {
        this.lab = lab;
        this.dataDirectory = lab.directory().resolve("server-data");
        this.relayArgs = List.copyOf(relayArgs);
    }

    /** Starts the server with its built-in relay and waits until its HTTP and STUN sockets listen. */
    public static LabServer start(Lab lab) {
        return startWith(new LabServer(lab, List.of()));
    }

    /**
     * Starts the server without its built-in relay, advertising {@code turnUrl} (e.g. coturn, see
     * {@link Coturn}) with credentials made from {@code secret}, as README "Usage" tells operators to.
     */
    public static LabServer startWithExternalRelay(Lab lab, String turnUrl, String secret) {
        return startWith(new LabServer(lab, List.of("--no-relay", "--turn-secret", secret, "--turn-url", turnUrl)));
    }

    private static LabServer startWith(LabServer server) {
        server.restart();
        return server;
    }

    /** Starts the server (again, after {@link #kill()}) on the same data directory and waits for it. */
    public synchronized void restart() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the server is still running");
        }
        List<String> args = new ArrayList<>(List.of("server", "--config", writeConfig().toString(),
                "--bind", primary().getHostAddress(),
                "--stun-alt-address", alternate().getHostAddress(),
                "--http-port", Integer.toString(HTTP_PORT),
                "--stun-port", Integer.toString(STUN_PORT),
                "--data-dir", dataDirectory.toString()));
        args.addAll(relayArgs);
        process = lab.server().startP2pchat("p2pchat-server", args.toArray(String[]::new));
        lab.server().awaitListening("tcp", HTTP_PORT, START);
        lab.server().awaitListening("udp", STUN_PORT, START);
    }

    /**
     * The configuration file: the STUN endpoint the server tells its clients in {@code welcome}
     * ({@code advertise_stun}, which has no flag and is empty by default: without it clients gather
     * no server-reflexive candidate and cannot cross a NAT).
     */
    private Path writeConfig() {
        Path config = lab.directory().resolve("server.json");
        String stun = primary().getHostAddress() + ":" + STUN_PORT;
        try {
            Files.createDirectories(config.getParent());
            Files.writeString(config, "{\"advertise_stun\": [\"" + stun + "\"]}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return config;
    }

    /** SIGKILL: the server dies as on a crash, without closing its clients' connections cleanly. */
    public synchronized void kill() {
        process.kill();
    }

    /** The URL clients are given ({@code --server}). */
    public String url() {
        return "http://" + primary().getHostAddress() + ":" + HTTP_PORT;
    }

    public InetAddress primary() {
        return lab.server().addresses().get(0);
    }

    public InetAddress alternate() {
        return lab.server().addresses().get(1);
    }

    /** The server's registry and any other state it keeps ({@code --data-dir}). */
    public Path dataDirectory() {
        return dataDirectory;
    }

    public synchronized LabProcess process() {
        return process;
    }
}
