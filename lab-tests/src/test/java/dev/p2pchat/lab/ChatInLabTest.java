package dev.p2pchat.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p2pchat.lab.tools.JunkSprayer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 3 on real NATs: two real {@code p2pchat chat --json} clients and the real server, for each
 * case of the issue; messages both ways with receipts; a 20-connection success-rate run across two
 * port-restricted NATs (the conntrack trap of docs/lab.md); junk UDP at a client's open port.
 * One lab and one server for the class; every case has its own users.
 */
@NatLab
class ChatInLabTest {
    private static final Duration EXCHANGE = Duration.ofSeconds(60);
    private static final int RUNS = 20;
    /** Pairs connecting at once in the success-rate run: 2 JVMs each on a shared two-core machine. */
    private static final int PARALLEL = 4;

    private static Lab lab;
    private static LabServer server;
    private static NatRouter left;
    private static NatRouter right;
    private static NatRouter cone;
    private static Host publicHost;
    private static Host sprayer;

    @BeforeAll
    static void buildLab() {
        lab = Lab.create();
        left = lab.addNat(NatKind.PORT_RESTRICTED);
        left.addHost();
        left.addHost();
        right = lab.addNat(NatKind.PORT_RESTRICTED);
        right.addHost();
        cone = lab.addNat(NatKind.FULL_CONE);
        cone.addHost();
        publicHost = lab.addPublicHost();
        sprayer = lab.addPublicHost();
        server = LabServer.start(lab);
    }

    @AfterAll
    static void closeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void bothBehindPortRestrictedNatsChatDirectly() {
        try (ChatPair pair = ChatPair.start(lab, server, host(left), host(right), "pr-pr")) {
            ChatPair.Connection connection = pair.awaitConnected(ChatPair.CONNECT);

            assertDirect(connection.a(), right.publicAddress());
            assertDirect(connection.b(), left.publicAddress());
            Duration took = pair.exchange("hello", 5, EXCHANGE);
            report("port-restricted <-> port-restricted", connection, took);
        }
    }

    @Test
    void fullConeAndPortRestrictedChatDirectly() {
        try (ChatPair pair = ChatPair.start(lab, server, host(cone), host(right), "fc-pr")) {
            ChatPair.Connection connection = pair.awaitConnected(ChatPair.CONNECT);

            assertDirect(connection.a(), right.publicAddress());
            assertDirect(connection.b(), cone.publicAddress());
            Duration took = pair.exchange("hello", 5, EXCHANGE);
            report("full cone <-> port-restricted", connection, took);
        }
    }

    @Test
    void aPublicHostAndAHostBehindANatChatDirectly() {
        try (ChatPair pair = ChatPair.start(lab, server, publicHost, host(left), "pub-nat")) {
            ChatPair.Connection connection = pair.awaitConnected(ChatPair.CONNECT);

            assertDirect(connection.a(), left.publicAddress());
            assertDirect(connection.b(), publicHost.address());
            Duration took = pair.exchange("hello", 5, EXCHANGE);
            report("public host <-> port-restricted", connection, took);
        }
    }

    @Test
    void twoHostsOnOneLanConnectOverTheirLanAddresses() {
        Host first = left.hosts().get(0);
        Host second = left.hosts().get(1);
        try (ChatPair pair = ChatPair.start(lab, server, first, second, "lan")) {
            ChatPair.Connection connection = pair.awaitConnected(ChatPair.CONNECT);

            // The NAT does not hairpin: only host candidates can work, and they must have been chosen.
            assertDirect(connection.a(), second.address());
            assertDirect(connection.b(), first.address());
            Duration took = pair.exchange("hello", 5, EXCHANGE);
            report("same LAN", connection, took);
        }
    }

    @Test
    void twentyConnectionsAcrossTwoPortRestrictedNatsAllSucceed() throws Exception {
        List<ChatPair.Connection> connections = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(PARALLEL)) {
            List<Future<ChatPair.Connection>> runs = new ArrayList<>();
            for (int run = 0; run < RUNS; run++) {
                String tag = "rate" + run;
                runs.add(pool.submit(() -> connectOnce(tag)));
            }
            for (int run = 0; run < RUNS; run++) {
                try {
                    connections.add(runs.get(run).get());
                } catch (ExecutionException e) {
                    failures.add("run " + run + ": " + e.getCause().getMessage());
                }
            }
        }
        List<ChatPair.Connection> direct = connections.stream()
                .filter(c -> c.a().path("path").asText().equals("direct")).toList();
        List<Long> sorted = connections.stream().map(ChatPair.Connection::setupMs).sorted().toList();
        System.out.printf("chat across two port-restricted NATs: %d/%d connected and exchanged, %d direct;"
                + " setup_ms median %d, p99 %d, all %s%n", connections.size(), RUNS, direct.size(),
                percentile(sorted, 50), percentile(sorted, 99), sorted);
        assertThat(failures).as("failed runs").isEmpty();
        // Two port-restricted cones must meet directly: a relay here is a traversal failure.
        assertThat(connections).as("connections").allSatisfy(c -> assertDirect(c.a(), right.publicAddress()));
    }

    @Test
    void junkUdpAtAClientsPublicPortNeitherCrashesNorStallsIt() {
        try (ChatPair pair = ChatPair.start(lab, server, host(cone), host(right), "junk")) {
            pair.awaitConnected(ChatPair.CONNECT);
            String target = pair.a().await("ready", ChatPair.START).path("public").asText();
            int port = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
            RuleCounter reached = cone.iptables().count("filter", "FORWARD", "-s", sprayer.address().getHostAddress(),
                    "-d", host(cone).address().getHostAddress(), "-p", "udp", "--dport", Integer.toString(port));

            LabProcess spray = sprayer.startJava("junk", JunkSprayer.class,
                    cone.publicAddress().getHostAddress(), Integer.toString(port), "4000", "500", "20261124");
            Duration during = pair.exchange("during-junk", 10, EXCHANGE);
            spray.awaitLine(line -> line.contains("\"done\""), EXCHANGE);
            Duration after = pair.exchange("after-junk", 10, EXCHANGE);

            assertThat(reached.packets()).as("junk datagrams that reached the client's host").isGreaterThanOrEqualTo(4000);
            assertThat(pair.a().process().isAlive()).as(pair.a().diagnostics()).isTrue();
            System.out.printf("junk: %d datagrams reached %s; 10 messages each way during the spray in %d ms, after in %d ms%n",
                    reached.packets(), target, during.toMillis(), after.toMillis());
        }
    }

    /** One pair across the two port-restricted NATs: connect, one message each way; both connected events. */
    private static ChatPair.Connection connectOnce(String tag) {
        try (ChatPair pair = ChatPair.start(lab, server, host(left), host(right), tag)) {
            ChatPair.Connection connection;
            // The connect budget starts once the offerer runs: starting 8 JVMs on a loaded machine is not traversal.
            pair.a().await("ready", ChatPair.START);
            try {
                connection = pair.awaitConnected(ChatPair.CONNECT);
            } catch (AssertionError e) {
                // The NATs' view is the evidence for a failed run: a changed port is the conntrack trap.
                throw new AssertionError(e.getMessage() + "\nNAT mappings with a changed port: left "
                        + clashes(left) + ", right " + clashes(right), e);
            }
            pair.exchange("hi", 1, EXCHANGE);
            return connection;
        }
    }

    private static List<String> clashes(NatRouter nat) {
        return nat.conntrack().stream().filter(e -> e.protocol().equals("udp") && e.portChanged())
                .map(ConntrackEntry::toString).toList();
    }

    private static void assertDirect(JsonNode connected, InetAddress remote) {
        assertThat(connected.path("path").asText()).as(connected.toString()).isEqualTo("direct");
        String endpoint = connected.path("remote").asText();
        assertThat(endpoint.substring(0, endpoint.lastIndexOf(':'))).as(connected.toString())
                .isEqualTo(remote.getHostAddress());
    }

    private static void report(String pairCase, ChatPair.Connection connection, Duration exchange) {
        System.out.printf("%s: connected direct, setup_ms %d / %d, 5 messages each way with receipts in %d ms%n",
                pairCase, connection.a().path("setup_ms").asLong(), connection.b().path("setup_ms").asLong(),
                exchange.toMillis());
    }

    private static long percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }

    private static Host host(NatRouter nat) {
        return nat.hosts().getFirst();
    }
}
