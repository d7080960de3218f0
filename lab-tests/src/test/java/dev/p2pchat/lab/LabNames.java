package dev.p2pchat.lab;

import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;

/**
 * Namespace names: {@code p2lab-PID-RAND-ROLE}. The test JVM's pid says who owns a namespace (a
 * namespace whose owner is dead is stale, left by a crashed run); the random part keeps two labs of
 * one JVM apart. Interfaces live inside namespaces under short fixed names (wan, br0, eth0, lN, hN),
 * so the 15-character interface limit never meets these longer names.
 */
final class LabNames {
    static final String PREFIX = "p2lab-";

    private LabNames() {}

    static String newLab(long pid, RandomGenerator random) {
        return PREFIX + pid + "-" + HexFormat.of().toHexDigits((short) random.nextInt(1 << 16));
    }

    /** The pid of the JVM that created {@code namespace}, if it is a lab namespace at all. */
    static OptionalLong owner(String namespace) {
        if (!namespace.startsWith(PREFIX)) {
            return OptionalLong.empty();
        }
        String rest = namespace.substring(PREFIX.length());
        int dash = rest.indexOf('-');
        try {
            return dash > 0 ? OptionalLong.of(Long.parseLong(rest.substring(0, dash))) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
