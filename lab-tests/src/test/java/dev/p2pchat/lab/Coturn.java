package dev.p2pchat.lab;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Real coturn ({@code turnserver}) on the lab's server host, UDP only, with TURN REST API credentials
 * from a shared secret ({@code --use-auth-secret}), as an operator would run it beside
 * {@code p2pchat server --turn-secret --turn-url}. Its port and relayed ports are apart from the
 * server's STUN ports (3478 and, with the alternate address, 3479) and built-in relay ports.
 */
public final class Coturn {
    public static final int PORT = 3480;
    /** Where its relayed addresses live (--min-port, --max-port). */
    public static final int MIN_RELAY_PORT = 40_000;
    public static final int MAX_RELAY_PORT = 40_999;
    private static final Path BINARY = Path.of("/usr/bin/turnserver");
    private static final Duration START = Duration.ofSeconds(20);

    private final InetAddress address;

    private Coturn(InetAddress address) {
        this.address = address;
    }

    /** True if coturn is installed; tests that need it skip otherwise. */
    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /**
     * Starts coturn on the primary address of the lab's server host (where {@link LabServer} runs) with
     * {@code secret} and waits until it listens; empty if coturn is not installed. It ends with the lab.
     */
    public static Optional<Coturn> start(Lab lab, String secret) {
        if (!installed()) {
            return Optional.empty();
        }
        InetAddress address = lab.server().addresses().get(0);
        String ip = address.getHostAddress();
        lab.server().start("coturn", BINARY.toString(), "-n", "--listening-ip", ip, "--relay-ip", ip,
                "--listening-port", Integer.toString(PORT), "--min-port", Integer.toString(MIN_RELAY_PORT), "--max-port", Integer.toString(MAX_RELAY_PORT),
                "--use-auth-secret", "--static-auth-secret=" + secret, "--realm", "p2pchat.lab",
                "--no-cli", "--no-tls", "--no-dtls", "--no-tcp-relay",
                "--pidfile", lab.directory().resolve("coturn.pid").toString(),
                "--db", lab.directory().resolve("coturn.db").toString(), "--log-file", "stdout", "--simple-log");
        lab.server().awaitListening("udp", PORT, START);
        return Optional.of(new Coturn(address));
    }

    /** What {@code p2pchat server --turn-url} advertises for it. */
    public String url() {
        return "turn:" + address.getHostAddress() + ":" + PORT;
    }
}
