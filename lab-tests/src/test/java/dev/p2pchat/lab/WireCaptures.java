package dev.p2pchat.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Captures on both sides (WAN and LAN) of several NAT routers, and on one LAN host's own interface,
 * which alone sees that host's traffic with a neighbour on the same LAN. Started before any client,
 * checked after: no frame may hold a secret.
 */
final class WireCaptures {
    private static final Duration FLUSHED = Duration.ofSeconds(20);
    private static final String MARKER = "\"status\":\"ok\"";

    private final Map<NatRouter, List<Capture>> byRouter;
    private final Host lanHost;
    private final Capture lanHostCapture;

    private WireCaptures(Map<NatRouter, List<Capture>> byRouter, Host lanHost, Capture lanHostCapture) {
        this.byRouter = byRouter;
        this.lanHost = lanHost;
        this.lanHostCapture = lanHostCapture;
    }

    /** Starts the captures: {@code lanHost} must sit behind one of {@code routers}. */
    static WireCaptures start(Lab lab, List<NatRouter> routers, Host lanHost) {
        Map<NatRouter, List<Capture>> byRouter = new LinkedHashMap<>();
        for (NatRouter router : routers) {
            byRouter.put(router, List.of(router.capture(NatRouter.WAN), router.capture(NatRouter.LAN)));
        }
        return new WireCaptures(byRouter, lanHost, lab.capture(lanHost.netns(), "eth0"));
    }

    /**
     * A plaintext answer from the server fetched from one host behind each router (its order in
     * {@code hosts}): once a capture holds it, it holds everything that crossed before (tcpdump writes
     * in order). Then no capture may hold any of {@code secrets}, and the chat's UDP must have crossed
     * every WAN, so that the absence means something.
     */
    void assertNoPlaintext(LabServer server, List<Host> hosts, String... secrets) {
        List<NatRouter> routers = List.copyOf(byRouter.keySet());
        List<Capture> all = new ArrayList<>();
        for (int i = 0; i < routers.size(); i++) {
            List<Capture> captures = new ArrayList<>(byRouter.get(routers.get(i)));
            if (hosts.get(i).equals(lanHost)) {
                captures.add(lanHostCapture);
            }
            fetchMarker(hosts.get(i), server, captures);
            all.addAll(captures);
        }
        assertThat(all).as("the LAN host's capture is checked").contains(lanHostCapture);
        for (Capture capture : all) {
            for (String secret : secrets) {
                assertThat(capture.contains(secret)).as(secret + " in " + capture.file().getFileName()).isFalse();
            }
        }
        StringBuilder udp = new StringBuilder();
        for (NatRouter router : routers) {
            long frames = udpFrames(byRouter.get(router).getFirst(), router.publicAddress());
            assertThat(frames).as("UDP frames on the WAN of " + router).isPositive();
            udp.append(router.kind()).append(" WAN ").append(frames).append(", ");
        }
        System.out.printf("rooms: %d captures hold no message text and not the room name; UDP frames: %s"
                + "%d on the LAN host %s to or from its LAN%n", all.size(), udp,
                lanFrames(), lanHost.address().getHostAddress());
    }

    /** UDP frames between the LAN host and its LAN neighbours (10.N.0.0/24), as seen on its interface. */
    long lanFrames() {
        byte[] own = lanHost.address().getAddress();
        return lanHostCapture.frames().stream().filter(WireCaptures::isUdp)
                .filter(frame -> sameLan(frame, 26, own) && sameLan(frame, 30, own))
                .count();
    }

    private static void fetchMarker(Host host, LabServer server, List<Capture> captures) {
        host.exec(LabEnvironment.require("curl"), "-sS", "--fail", "--max-time", "10", server.url() + "/healthz");
        captures.forEach(capture -> capture.awaitFrame(MARKER, FLUSHED));
    }

    /** IPv4 UDP frames (Ethernet) from or to {@code address}. */
    private static long udpFrames(Capture capture, InetAddress address) {
        byte[] x = address.getAddress();
        return capture.frames().stream().filter(WireCaptures::isUdp)
                .filter(frame -> at(frame, 26, x, 4) || at(frame, 30, x, 4))
                .count();
    }

    private static boolean isUdp(byte[] frame) {
        return frame.length >= 34 && frame[12] == 0x08 && frame[13] == 0x00 && frame[23] == 17;
    }

    private static boolean sameLan(byte[] frame, int offset, byte[] own) {
        return at(frame, offset, own, 3);
    }

    private static boolean at(byte[] frame, int offset, byte[] address, int length) {
        for (int i = 0; i < length; i++) {
            if (frame[offset + i] != address[i]) {
                return false;
            }
        }
        return true;
    }
}
