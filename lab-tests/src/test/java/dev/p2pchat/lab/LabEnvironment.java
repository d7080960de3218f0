package dev.p2pchat.lab;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Decides whether the NAT lab can run here: Linux, root, and the tools it drives. Elsewhere every lab
 * test is skipped (a JUnit assumption) with a message naming what is missing, so that
 * {@code mvn verify} stays green for a developer without root.
 */
public final class LabEnvironment implements BeforeAllCallback {
    private static final List<String> REQUIRED = List.of("ip", "iptables", "sysctl");

    @Override
    public void beforeAll(ExtensionContext context) {
        List<String> missing = missing();
        assumeTrue(missing.isEmpty(), () -> "NAT lab skipped: needs " + String.join(", ", missing));
    }

    /** What keeps the lab from running here; empty when it can run. */
    static List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (!System.getProperty("os.name", "").equals("Linux")) {
            missing.add("Linux (this is " + System.getProperty("os.name") + ")");
            return missing;
        }
        if (!isRoot()) {
            missing.add("root (network namespaces and iptables)");
        }
        for (String tool : REQUIRED) {
            if (tool(tool).isEmpty()) {
                missing.add("the '" + tool + "' command");
            }
        }
        return missing;
    }

    /** Skips the calling test unless {@code name} (e.g. conntrack, tcpdump, stun) is installed. */
    public static void assumeTool(String name) {
        assumeTrue(tool(name).isPresent(), () -> "NAT lab test skipped: needs the '" + name + "' command");
    }

    /** Finds a command on PATH or in the sbin directories root's PATH usually holds. */
    static Optional<Path> tool(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(path.split(":")), Stream.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** The absolute path of a tool the lab needs; a clear error when it is missing. */
    static String require(String name) {
        return tool(name)
                .map(Path::toString)
                .orElseThrow(() -> new IllegalStateException("the '" + name + "' command is not installed"));
    }

    private static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("Uid:"))
                    .map(line -> line.split("\\s+")[2]) // real, effective, saved, fs: take the effective uid
                    .anyMatch("0"::equals);
        } catch (IOException e) {
            return false;
        }
    }
}
