package dev.p2pchat.lab;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A tcpdump capture on one interface of one namespace, into {@code LABEL.pcap} in the lab's
 * directory (open it with Wireshark or {@code tcpdump -r}). For assertions about the wire: which
 * packets passed, and that no plaintext did.
 */
public final class Capture implements AutoCloseable {
    private static final AtomicInteger COUNT = new AtomicInteger();

    private final LabProcess tcpdump;
    private final Path file;

    private Capture(LabProcess tcpdump, Path file) {
        this.tcpdump = tcpdump;
        this.file = file;
    }

    static Capture start(Lab lab, Netns netns, String iface, List<String> filter) {
        String label = "tcpdump-" + netns.name().substring(lab.name().length() + 1) + "-" + iface + "-" + COUNT.incrementAndGet();
        Path file = lab.directory().resolve(label + ".pcap");
        List<String> argv = new ArrayList<>(List.of(LabEnvironment.require("tcpdump"),
                "-i", iface, "-n", "--immediate-mode", "-U", "-Z", "root", "-w", file.toString()));
        argv.addAll(filter);
        LabProcess tcpdump = lab.start(netns, label, argv);
        // tcpdump says so on stderr once the socket is attached; packets before that would be missed.
        await().alias("tcpdump to listen on " + iface)
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> tcpdump.stderr().stream().anyMatch(line -> line.contains("listening on"))
                        || !tcpdump.isAlive());
        if (!tcpdump.isAlive()) {
            throw new IllegalStateException("tcpdump did not start: " + tcpdump.diagnostics());
        }
        return new Capture(tcpdump, file);
    }

    public Path file() {
        return file;
    }

    /**
     * Ends tcpdump. Packets it had not yet taken from the kernel are lost: await the frames you
     * expect ({@link #awaitFrame}) before stopping or asserting an absence.
     */
    public void stop() {
        tcpdump.stop();
    }

    @Override
    public void close() {
        stop();
    }

    /** The frames written so far (tcpdump writes each one as it is captured, {@code -U}). */
    public List<byte[]> frames() {
        try {
            return Pcap.frames(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until a captured frame matches, and returns it. */
    public byte[] awaitFrame(Predicate<byte[]> match, Duration timeout) {
        return await().alias("a matching frame in " + file.getFileName())
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(10))
                .until(() -> frames().stream().filter(match).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    /** Waits until a captured frame contains {@code text} in UTF-8. */
    public byte[] awaitFrame(String text, Duration timeout) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        return awaitFrame(frame -> indexOf(frame, needle) >= 0, timeout);
    }

    /** True if a frame captured so far contains {@code text} in UTF-8: plaintext on the wire. */
    public boolean contains(String text) {
        return contains(text.getBytes(StandardCharsets.UTF_8));
    }

    public boolean contains(byte[] needle) {
        return frames().stream().anyMatch(frame -> indexOf(frame, needle) >= 0);
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return needle.length == 0 ? 0 : -1;
    }

    /** The classic pcap file format (what tcpdump -w writes): a 24-byte header, then records. */
    static final class Pcap {
        private static final int MAGIC_MICROS = 0xa1b2c3d4;
        private static final int MAGIC_NANOS = 0xa1b23c4d;
        private static final int FILE_HEADER = 24;
        private static final int RECORD_HEADER = 16;

        private Pcap() {}

        static List<byte[]> frames(byte[] file) {
            if (file.length < FILE_HEADER) {
                return List.of(); // tcpdump killed before writing its header
            }
            ByteBuffer buffer = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
            int magic = buffer.getInt(0);
            if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
                buffer.order(ByteOrder.BIG_ENDIAN);
                magic = buffer.getInt(0);
                if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
                    throw new IllegalArgumentException("not a pcap file (magic " + Integer.toHexString(magic) + ")");
                }
            }
            List<byte[]> frames = new ArrayList<>();
            for (int at = FILE_HEADER; at + RECORD_HEADER <= file.length; ) {
                int captured = buffer.getInt(at + 8);
                int start = at + RECORD_HEADER;
                if (captured < 0 || start + captured > file.length) {
                    break; // a record cut short by a kill: keep what is whole
                }
                frames.add(Arrays.copyOfRange(file, start, start + captured));
                at = start + captured;
            }
            return frames;
        }
    }
}
