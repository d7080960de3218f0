package dev.p2pchat.lab;

import static dev.p2pchat.lab.MatrixEnds.Access.FULL_CONE;
import static dev.p2pchat.lab.MatrixEnds.Access.PORT_RESTRICTED;
import static dev.p2pchat.lab.MatrixEnds.Access.PUBLIC;
import static dev.p2pchat.lab.MatrixEnds.Access.SYMMETRIC;
import static dev.p2pchat.lab.MatrixPair.DIRECT;
import static dev.p2pchat.lab.MatrixPair.RELAYED;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Issue 6 on real NATs: the whole matrix of {public host, full cone, port-restricted cone, symmetric}
 * on each side, with real {@code p2pchat chat --json} clients and the real server, once with the
 * server's built-in TURN relay and once with coturn as the only relay. Every pair connects, ends on
 * the path this class expects of it ({@link #MATRIX}), and exchanges messages both ways once and in
 * order; the relayed pair's traffic, captured on its NAT's WAN, holds no message text.
 */
@NatLab
class NatMatrixInLabTest {
    /**
     * The expected final path of each unordered pair ({@code a} is the first, and the offerer). Direct
     * whenever one side maps endpoint-independently: a public host or a cone answers every check, and
     * facing a symmetric NAT the cone side's guesses of its ports meet the extra sockets it primed
     * toward the cone (docs/architecture.md, "Hard NATs"). Two symmetric NATs never meet directly.
     * The slow ones first: they overlap the rest.
     */
    private static final List<MatrixPair> MATRIX = List.of(
            new MatrixPair(SYMMETRIC, SYMMETRIC, RELAYED),
            new MatrixPair(PORT_RESTRICTED, SYMMETRIC, DIRECT),
            new MatrixPair(FULL_CONE, SYMMETRIC, DIRECT),
            new MatrixPair(PUBLIC, SYMMETRIC, DIRECT),
            new MatrixPair(PORT_RESTRICTED, PORT_RESTRICTED, DIRECT),
            new MatrixPair(FULL_CONE, PORT_RESTRICTED, DIRECT),
            new MatrixPair(FULL_CONE, FULL_CONE, DIRECT),
            new MatrixPair(PUBLIC, PORT_RESTRICTED, DIRECT),
            new MatrixPair(PUBLIC, FULL_CONE, DIRECT),
            new MatrixPair(PUBLIC, PUBLIC, DIRECT));
    /** Pairs connecting at once: 2 client JVMs each on a shared two-core machine. */
    private static final int PARALLEL = 4;
    private static final Duration FLUSHED = Duration.ofSeconds(20);

    /** A relay the server offers: how to start both in a lab, and the UDP port clients reach it on. */
    private record Relay(String name, int port, Function<Lab, LabServer> start) {}

    @Test
    void everyPairConnectsWithTheBuiltInRelay() {
        matrix(new Relay("built-in", LabServer.STUN_PORT, LabServer::start));
    }

    @Test
    void everyPairConnectsWithCoturnAsTheOnlyRelay() {
        Assumptions.assumeTrue(Coturn.installed(), "coturn (/usr/bin/turnserver) is not installed: skipping");
        String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        matrix(new Relay("coturn", Coturn.PORT, lab -> {
            Coturn coturn = Coturn.start(lab, secret).orElseThrow();
            return LabServer.startWithExternalRelay(lab, coturn.url(), secret);
        }));
    }

    private static void matrix(Relay relay) {
        LabEnvironment.assumeTool("tcpdump");
        LabEnvironment.assumeTool("curl");
        try (Lab lab = Lab.create()) {
            MatrixEnds ends = MatrixEnds.build(lab);
            // Only the symmetric <-> symmetric pair's a is on the left symmetric end: its WAN carries that pair alone.
            MatrixEnds.End relayedEnd = ends.left(SYMMETRIC);
            Capture capture = relayedEnd.nat().orElseThrow().capture(NatRouter.WAN);
            LabServer server = relay.start().apply(lab);
            // Random words that cannot occur by chance in any frame: a hit is a leak.
            String canary = "canary-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8));

            List<MatrixPair.Figures> figures = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            runAll(lab, server, ends, relay.name(), canary, figures, failures);
            print(figures);
            assertThat(failures).as("pairs that failed with the %s relay", relay.name()).isEmpty();
            assertRelayedTrafficIsEncrypted(capture, relayedEnd, server, relay, canary);
        }
    }

    private static void runAll(Lab lab, LabServer server, MatrixEnds ends, String relay, String canary,
            List<MatrixPair.Figures> figures, List<String> failures) {
        try (ExecutorService pool = Executors.newFixedThreadPool(PARALLEL)) {
            List<Future<MatrixPair.Figures>> runs = MATRIX.stream()
                    .map(pair -> pool.submit(() -> pair.run(lab, server, ends, relay, canary))).toList();
            for (int i = 0; i < runs.size(); i++) {
                try {
                    figures.add(runs.get(i).get());
                } catch (ExecutionException e) {
                    failures.add(MATRIX.get(i).name() + " (" + relay + "): " + e.getCause().getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /**
     * The relayed pair's chat crossed the capture as TURN ChannelData to and from the relay, and no frame
     * holds the canary that every message text carries. A plaintext HTTP answer fetched after the chat
     * ends the capture's useful part: once it holds that, it holds everything that crossed before.
     */
    private static void assertRelayedTrafficIsEncrypted(Capture capture, MatrixEnds.End end, LabServer server,
            Relay relay, String canary) {
        end.host().exec(LabEnvironment.require("curl"), "-sS", "--fail", "--max-time", "10", server.url() + "/healthz");
        capture.awaitFrame("\"status\":\"ok\"", FLUSHED);
        long channelData = channelDataFrames(capture, server.primary(), relay.port());
        System.out.printf("relayed pair (%s): %d ChannelData frames with the relay at %s:%d on %s's WAN, %d frames"
                + " in all, none with message text%n", relay.name(), channelData, server.primary().getHostAddress(),
                relay.port(), end.nat().orElseThrow().publicAddress().getHostAddress(), capture.frames().size());
        // The first message and MESSAGES each way: each crossed a's allocation at least once.
        assertThat(channelData).as("ChannelData frames of the relayed chat").isGreaterThanOrEqualTo(1 + 2L * MatrixPair.MESSAGES);
        assertThat(capture.contains(canary)).as("message text in " + capture.file().getFileName()).isFalse();
    }

    /** IPv4 UDP frames (Ethernet) to or from {@code relay:port} whose payload is ChannelData (RFC 8656 §12). */
    private static long channelDataFrames(Capture capture, InetAddress relay, int port) {
        byte[] ip = relay.getAddress();
        return capture.frames().stream().filter(f -> f.length >= 43 && f[12] == 0x08 && f[13] == 0x00 && f[23] == 17)
                .filter(f -> {
                    int udp = 14 + (f[14] & 0x0f) * 4;
                    boolean toRelay = at(f, 30, ip) && u16(f, udp + 2) == port;
                    boolean fromRelay = at(f, 26, ip) && u16(f, udp) == port;
                    int first = f.length > udp + 8 ? f[udp + 8] & 0xff : -1;
                    return (toRelay || fromRelay) && first >= 0x40 && first <= 0x4f;
                }).count();
    }

    private static int u16(byte[] frame, int offset) {
        return (frame[offset] & 0xff) << 8 | frame[offset + 1] & 0xff;
    }

    private static boolean at(byte[] frame, int offset, byte[] address) {
        for (int i = 0; i < address.length; i++) {
            if (frame[offset + i] != address[i]) {
                return false;
            }
        }
        return true;
    }

    private static void print(List<MatrixPair.Figures> figures) {
        System.out.printf("%-36s %-8s %-10s %-8s %8s %14s %10s %11s%n", "pair", "relay", "at connect", "final",
                "setup_ms", "first_msg_ms", "upgrade_ms", "exchange_ms");
        for (MatrixPair.Figures f : figures) {
            System.out.printf("%-36s %-8s %-10s %-8s %8d %14d %10s %11d%n", f.pair().name(), f.relay(),
                    f.pathAtConnect(), f.finalPath(), f.setupMs(), f.firstMessageMs(),
                    f.upgradeMs().isPresent() ? Long.toString(f.upgradeMs().getAsLong()) : "-", f.exchangeMs());
        }
    }
}
