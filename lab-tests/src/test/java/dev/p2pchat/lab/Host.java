package dev.p2pchat.lab;

import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/** A machine in the lab: a namespace with one interface {@code eth0} and its addresses. */
public final class Host {
    private final Lab lab;
    private final Netns netns;
    private final List<InetAddress> addresses;

    Host(Lab lab, Netns netns, List<InetAddress> addresses) {
        this.lab = lab;
        this.netns = netns;
        this.addresses = List.copyOf(addresses);
    }

    public Netns netns() {
        return netns;
    }

    public String name() {
        return netns.name();
    }

    /** The host's (first) address: 10.N.0.x behind a NAT, 198.18.x.x on the internet. */
    public InetAddress address() {
        return addresses.getFirst();
    }

    public List<InetAddress> addresses() {
        return addresses;
    }

    /** Runs a short command on this host. */
    public CommandResult exec(String... argv) {
        return netns.exec(argv);
    }

    /** Starts a long-running command on this host; see {@link Lab#start}. */
    public LabProcess start(String label, String... argv) {
        return lab.start(netns, label, List.of(argv));
    }

    /** Starts a JDK-only tool main class of the test code on this host; see {@link Lab#startJava}. */
    public LabProcess startJava(String label, Class<?> main, String... args) {
        return lab.startJava(netns, label, main, args);
    }

    /** Starts {@code p2pchat ARGS} (the packaged jar) on this host. */
    public LabProcess startP2pchat(String label, String... args) {
        return lab.startP2pchat(netns, label, args);
    }

    /**
     * Waits until a socket of this host listens on {@code port} ({@code ss -lnH}, "udp" or "tcp"):
     * a server is ready for the test's traffic without relying on its log wording.
     */
    public void awaitListening(String protocol, int port, Duration timeout) {
        String flag = switch (protocol) {
            case "udp" -> "-u";
            case "tcp" -> "-t";
            default -> throw new IllegalArgumentException(protocol);
        };
        await().alias(name() + " listening on " + protocol + " port " + port)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> exec(LabEnvironment.require("ss"), "-lnH", flag).lines().stream()
                        .map(line -> line.strip().split("\\s+"))
                        .anyMatch(columns -> columns.length > 3 && columns[3].endsWith(":" + port)));
    }

    @Override
    public String toString() {
        return netns.name() + " " + addresses;
    }
}
