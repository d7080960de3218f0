package dev.p2pchat.lab;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command lines for the JVM programs the lab runs, all with the JDK running the tests. */
final class Launchers {
    /** Small, short-lived tools: start fast and stay small on a shared machine. */
    private static final List<String> TOOL_JVM_OPTIONS =
            List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "--enable-native-access=ALL-UNNAMED");

    private Launchers() {}

    static String javaCommand() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    static List<String> java(Class<?> main, String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(javaCommand());
        argv.addAll(TOOL_JVM_OPTIONS);
        argv.addAll(List.of("-cp", codeSource(main).toString(), main.getName()));
        argv.addAll(List.of(args));
        return argv;
    }

    /**
     * The JVM options of the {@code ./p2pchat} launcher, which is how users run the command: native
     * access, and the open package that per-datagram TTL (NAT priming) needs in the traversal module.
     */
    private static final List<String> P2PCHAT_JVM_OPTIONS =
            List.of("--enable-native-access=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED");

    /** {@code java OPTIONS -jar p2pchat.jar ARGS}, exactly as the launcher runs the packaged command. */
    static List<String> p2pchat(String... args) {
        List<String> argv = new ArrayList<>(List.of(javaCommand()));
        argv.addAll(P2PCHAT_JVM_OPTIONS);
        argv.addAll(List.of("-jar", p2pchatJar().toString()));
        argv.addAll(List.of(args));
        return argv;
    }

    /** The packaged jar named by {@code -Dp2pchat.jar} (lab-tests/pom.xml sets it). */
    static Path p2pchatJar() {
        String property = System.getProperty("p2pchat.jar");
        if (property == null) {
            throw new IllegalStateException("-Dp2pchat.jar is not set (lab-tests/pom.xml sets it for surefire)");
        }
        Path jar = Path.of(property).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: build it with mvn -pl cli -am package");
        }
        return jar;
    }

    private static Path codeSource(Class<?> main) {
        try {
            return Path.of(main.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("no code source for " + main, e);
        }
    }
}
