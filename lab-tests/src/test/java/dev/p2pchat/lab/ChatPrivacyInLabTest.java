package dev.p2pchat.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 4 on real NATs: nobody on the path and not the server can read a message. Everything that
 * crosses both NAT routers during a chat (both sides of each: WAN and LAN) is captured from before
 * the clients start; no captured frame holds the bytes of any message text, and no file of the
 * server's data directory does.
 */
@NatLab
class ChatPrivacyInLabTest {
    private static final Duration EXCHANGE = Duration.ofSeconds(60);
    private static final Duration FLUSHED = Duration.ofSeconds(20);
    private static final int MESSAGES = 20;

    @Test
    void neitherThePathNorTheServerSeesAnyMessageText() {
        LabEnvironment.assumeTool("tcpdump");
        LabEnvironment.assumeTool("curl");
        try (Lab lab = Lab.create()) {
            NatRouter left = lab.addNat(NatKind.PORT_RESTRICTED);
            NatRouter right = lab.addNat(NatKind.FULL_CONE);
            Host alice = left.addHost();
            Host bob = right.addHost();
            List<Capture> captures = List.of(left.capture(NatRouter.WAN), left.capture(NatRouter.LAN),
                    right.capture(NatRouter.WAN), right.capture(NatRouter.LAN));
            LabServer server = LabServer.start(lab);
            // Random words that cannot occur by chance in any frame or file: a hit is a leak.
            String canary = "canary-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
            List<String> fromA = texts(canary, "alice", MESSAGES);
            List<String> fromB = texts(canary, "bob", MESSAGES);

            try (ChatPair pair = ChatPair.start(lab, server, alice, bob, "privacy")) {
                pair.awaitConnected(ChatPair.CONNECT);
                pair.exchange(fromA, fromB, EXCHANGE);
            }
            // A plaintext answer from the server after the chat: once each capture holds it, it holds
            // everything that crossed before (tcpdump writes in order).
            String marker = markerThrough(alice, server, captures.subList(0, 2));
            markerThrough(bob, server, captures.subList(2, 4));

            for (Capture capture : captures) {
                assertThat(capture.contains(marker)).as("the capture works: " + capture.file().getFileName()).isTrue();
                assertThat(capture.contains(canary)).as("plaintext in " + capture.file().getFileName()).isFalse();
                for (String text : Stream.concat(fromA.stream(), fromB.stream()).toList()) {
                    assertThat(capture.contains(text)).as(text + " in " + capture.file().getFileName()).isFalse();
                }
            }
            // Direct or through the server's relay, the chat's datagrams crossed the left NAT's WAN.
            long chatFrames = udpFrames(captures.get(0), left.publicAddress());
            assertThat(chatFrames).as("UDP frames of the left NAT's public address: the chat crossed the capture")
                    .isGreaterThanOrEqualTo(2L * MESSAGES);
            assertServerKeepsNoText(server.dataDirectory(), canary, "a-privacy");
            System.out.printf("privacy: %d UDP frames on the left NAT's WAN, %d frames in 4 captures, no message text; "
                    + "server data (%s) without message text%n", chatFrames,
                    captures.stream().mapToInt(c -> c.frames().size()).sum(),
                    files(server.dataDirectory()).stream().map(Path::getFileName).toList());
        }
    }

    private static List<String> texts(String canary, String from, int count) {
        return IntStream.range(0, count).mapToObj(i -> canary + " secret " + i + " from " + from).toList();
    }

    /** Fetches the health answer from {@code host}; waits until every capture on its router holds it. */
    private static String markerThrough(Host host, LabServer server, List<Capture> captures) {
        host.exec(LabEnvironment.require("curl"), "-sS", "--fail", "--max-time", "10", server.url() + "/healthz");
        String marker = "\"status\":\"ok\"";
        captures.forEach(capture -> capture.awaitFrame(marker, FLUSHED));
        return marker;
    }

    /** IPv4 UDP frames (Ethernet) from or to {@code address}. */
    private static long udpFrames(Capture capture, InetAddress address) {
        byte[] x = address.getAddress();
        return capture.frames().stream().filter(frame -> frame.length >= 34 && frame[23] == 17)
                .filter(frame -> at(frame, 26, x) || at(frame, 30, x))
                .count();
    }

    private static boolean at(byte[] frame, int offset, byte[] address) {
        for (int i = 0; i < address.length; i++) {
            if (frame[offset + i] != address[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Every file of the server's data directory (the SQLite registry, its journal or WAL) is read raw:
     * the users are there, proving these are the right files, and no message text is.
     */
    private static void assertServerKeepsNoText(Path dataDirectory, String canary, String user) {
        List<Path> files = files(dataDirectory);
        assertThat(files).as("the server's data files").isNotEmpty();
        boolean userFound = false;
        for (Path file : files) {
            byte[] bytes = read(file);
            assertThat(Capture.indexOf(bytes, canary.getBytes(StandardCharsets.UTF_8)))
                    .as("message text in " + file.getFileName()).isEqualTo(-1);
            userFound |= Capture.indexOf(bytes, user.getBytes(StandardCharsets.UTF_8)) >= 0;
        }
        assertThat(userFound).as("the registry holds " + user).isTrue();
    }

    private static List<Path> files(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
