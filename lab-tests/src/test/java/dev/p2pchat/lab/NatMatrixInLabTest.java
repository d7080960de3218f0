package dev.p2pchat.lab;

import static dev.p2pchat.lab.MatrixEnds.Access.FULL_CONE;
import static dev.p2pchat.lab.MatrixEnds.Access.PORT_RESTRICTED;
import static dev.p2pchat.lab.MatrixEnds.Access.PUBLIC;
import static dev.p2pchat.lab.MatrixEnds.Access.SYMMETRIC;
import static dev.p2pchat.lab.MatrixPair.DIRECT;
import static dev.p2pchat.lab.MatrixPair.EITHER;
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
     * without a symmetric NAT. Two symmetric NATs never meet directly. Facing a symmetric NAT, the other
     * three are either. A port-restricted or a full cone: the symmetric side does not check the peer's
     * server-reflexive address (its PINGs from a fresh port would disturb the peer's guesses; it sends
     * only low-TTL PRIMEs from 256 extra sockets), so only the birthday punch (docs/architecture.md,
     * "Hard NATs") opens it, the cone side guessing which of the ports the symmetric NAT opened at random
     * toward it. That hits with probability ~98 % in the simulation and less here, and a miss leaves the
     * pair on the relay until a retry round finds it (a full cone) or for good (a port-restricted cone).
     * A public host: the symmetric side's checks reach its address, and yet it connected relayed about
     * once in 15 relay runs in the lab, then moved to direct 28 s later or not within 30 s (cause not
     * found, docs/lab.md). The slow ones first: they overlap the rest.
     */
    private static final List<MatrixPair> MATRIX = List.of(
            new MatrixPair(SYMMETRIC, SYMMETRIC, RELAYED),
            new MatrixPair(PORT_RESTRICTED, SYMMETRIC, EITHER),
            new MatrixPair(FULL_CONE, SYMMETRIC, EITHER),
            new MatrixPair(PUBLIC, SYMMETRIC, EITHER),
            new MatrixPair(PORT_RESTRICTED, PORT_RESTRICTED, DIRECT),
            new MatrixPair(FULL_CONE, PORT_RESTRICTED, DIRECT),
            new MatrixPair(FULL_CONE, FULL_CONE, DIRECT),
            new MatrixPair(PUBLIC, PORT_RESTRICTED, DIRECT),
            new MatrixPair(PUBLIC, FULL_CONE, DIRECT),
            new MatrixPair(PUBLIC, PUBLIC, DIRECT));
    /** Pairs connecting at once: 2 client JVMs each on a shared two-core machine. */
    private static final int PARALLEL = 4;
    private static final Duration FLUSHED = Duration.ofSeconds(20);

    /**
     * A relay the server offers: how to start both in a lab, the UDP port clients reach it on, and the
     * ports of its relayed addresses (the built-in relay's default range, or coturn's).
     */
    private record Relay(String name, int port, int minRelayed, int maxRelayed, Function<Lab, LabServer> start) {
        boolean relayedPort(int p) {
            return p >= minRelayed && p <= maxRelayed;
        }
    }

    @Test
    void everyPairConnectsWithTheBuiltInRelay() {
        matrix(new Relay("built-in", LabServer.STUN_PORT, 49_152, 65_535, LabServer::start));
    }

    @Test
    void everyPairConnectsWithCoturnAsTheOnlyRelay() {
        Assumptions.assumeTrue(Coturn.installed(), "coturn (/usr/bin/turnserver) is not installed: skipping");
        String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        matrix(new Relay("coturn", Coturn.PORT, Coturn.MIN_RELAY_PORT, Coturn.MAX_RELAY_PORT, lab -> {
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
        InetAddress nat = end.nat().orElseThrow().publicAddress();
        long relayed = relayedChatFrames(capture, nat, server.primary(), relay);
        System.out.printf("relayed pair (%s): %d chat frames between %s and the relay at %s (p2p frames to a relayed"
                + " port %d-%d, TURN ChannelData or Send/Data indications on port %d), %d frames in all on its NAT's"
                + " WAN, none with message text%n", relay.name(), relayed, nat.getHostAddress(),
                server.primary().getHostAddress(), relay.minRelayed(), relay.maxRelayed(), relay.port(),
                capture.frames().size());
        // The first message and MESSAGES each way: each crossed this WAN to or from the relay at least once.
        assertThat(relayed).as("relayed chat frames").isGreaterThanOrEqualTo(1 + 2L * MatrixPair.MESSAGES);
        assertThat(capture.contains(canary)).as("message text in " + capture.file().getFileName()).isFalse();
    }

    /**
     * IPv4 UDP frames (Ethernet) between {@code nat} and the relay at {@code server} that carry the chat:
     * p2p frames (first byte 0xD0-0xDF) to or from one of its relayed addresses (the peer's), or, on its
     * TURN port, ChannelData (RFC 8656 §12) or Send and Data indications (types 0x0016, 0x0017) of our own
     * allocation.
     */
    private static long relayedChatFrames(Capture capture, InetAddress nat, InetAddress server, Relay relay) {
        byte[] n = nat.getAddress();
        byte[] r = server.getAddress();
        return capture.frames().stream().filter(f -> f.length >= 44 && f[12] == 0x08 && f[13] == 0x00 && f[23] == 17)
                .filter(f -> {
                    int udp = 14 + (f[14] & 0x0f) * 4;
                    int serverPort;
                    if (at(f, 26, n) && at(f, 30, r)) {
                        serverPort = u16(f, udp + 2);
                    } else if (at(f, 26, r) && at(f, 30, n)) {
                        serverPort = u16(f, udp);
                    } else {
                        return false;
                    }
                    int first = f[udp + 8] & 0xff;
                    int type = u16(f, udp + 8);
                    boolean p2p = first >= 0xd0 && first <= 0xdf && relay.relayedPort(serverPort);
                    boolean turn = serverPort == relay.port()
                            && (first >= 0x40 && first <= 0x4f || type == 0x0016 || type == 0x0017);
                    return p2p || turn;
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
