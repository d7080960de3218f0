package dev.p2pchat.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Whatever happens in a test, the lab leaves nothing behind. */
@NatLab
class LabCleanupTest {

    @Test
    void closeRemovesEveryNamespaceAndEndsEveryProcess() {
        Lab lab = Lab.create();
        NatRouter nat = lab.addNat(NatKind.SYMMETRIC);
        Host host = nat.addHost();
        lab.addPublicHost();
        LabProcess sleeper = host.start("sleeper", "sleep", "600");
        assertThat(labNamespaces(lab.name())).hasSize(5);

        lab.close();

        assertThat(labNamespaces(lab.name())).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> !sleeper.isAlive());
    }

    @Test
    void aTestThatThrowsStillCleansUp() {
        AtomicReference<String> name = new AtomicReference<>();

        assertThatThrownBy(() -> {
            try (Lab lab = Lab.create()) {
                name.set(lab.name());
                lab.addNat(NatKind.PORT_RESTRICTED).addHost();
                throw new IllegalStateException("the test failed");
            }
        }).hasMessage("the test failed");

        assertThat(labNamespaces(name.get())).isEmpty();
    }

    @Test
    void namespacesOfADeadRunAreRemovedAndThoseOfALiveRunKept() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        String stale = LabNames.PREFIX + finished.pid() + "-dead-inet";
        String live = LabNames.PREFIX + ProcessHandle.current().pid() + "-live-inet";
        Namespaces.add(Journal.NONE, stale);
        Namespaces.add(Journal.NONE, live);
        Process leftOver = new ProcessBuilder(LabEnvironment.require("ip"), "netns", "exec", stale, "sleep", "600").start();
        try {
            assertThat(StaleLabs.clean(Journal.NONE)).contains(stale).doesNotContain(live);
            assertThat(Namespaces.list(Journal.NONE)).doesNotContain(stale).contains(live);
            await().atMost(Duration.ofSeconds(5)).until(() -> !leftOver.isAlive());
        } finally {
            leftOver.destroyForcibly();
            for (String name : List.of(stale, live)) {
                if (Namespaces.list(Journal.NONE).contains(name)) {
                    Namespaces.delete(Journal.NONE, name);
                }
            }
        }
    }

    @Test
    void aRunEndedBySigtermCleansUpInItsShutdownHook() throws Exception {
        Process holder = startHolder();
        try {
            String name = holder.inputReader().readLine();
            assertThat(labNamespaces(name)).hasSize(4);

            holder.destroy(); // SIGTERM, as when a build is interrupted

            assertThat(holder.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(labNamespaces(name)).isEmpty();
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void aRunKilledOutrightIsCleanedUpByTheNextOne() throws Exception {
        Process holder = startHolder();
        String name;
        try {
            name = holder.inputReader().readLine();
            assertThat(labNamespaces(name)).hasSize(4);
        } finally {
            holder.destroyForcibly(); // SIGKILL: no shutdown hook runs
            holder.waitFor();
        }
        assertThat(labNamespaces(name)).hasSize(4);

        StaleLabs.clean(Journal.NONE);

        assertThat(labNamespaces(name)).isEmpty();
    }

    /** A child JVM holding a lab; surefire names the real test classpath in surefire.test.class.path. */
    private static Process startHolder() throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ProcessBuilder(Launchers.javaCommand(), "-Dp2pchat.lab.dir=" + Lab.BASE_DIRECTORY.toAbsolutePath(),
                        "-cp", classpath, LabHolder.class.getName())
                .redirectError(Lab.BASE_DIRECTORY.resolve("holder.err").toFile())
                .start();
    }

    private static List<String> labNamespaces(String labName) {
        return Namespaces.list(Journal.NONE).stream().filter(ns -> ns.startsWith(labName + "-")).toList();
    }
}
