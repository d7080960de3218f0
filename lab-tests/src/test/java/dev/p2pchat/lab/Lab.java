package dev.p2pchat.lab;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A NAT lab: a routed "internet" of network namespaces with a server host, NAT routers with LANs,
 * and public hosts (see {@link AddressPlan} and docs/lab.md). Everything it creates — namespaces,
 * their interfaces, the processes it starts — is removed by {@link #close()}, by a JVM shutdown hook
 * if the run is interrupted, and by the next run if this JVM dies outright.
 *
 * <pre>{@code
 * try (Lab lab = Lab.create()) {
 *   NatRouter nat = lab.addNat(NatKind.PORT_RESTRICTED);
 *   Host alice = nat.addHost();
 *   LabProcess server = lab.server().startP2pchat("server", "server");
 * }
 * }</pre>
 */
public final class Lab implements AutoCloseable {
    /** Where each lab writes its journal, process output and final state (one directory per lab). */
    static final Path BASE_DIRECTORY = Path.of(System.getProperty("p2pchat.lab.dir", "target/lab"));
    /** {@code -Dp2pchat.lab.keep=true}: leave the namespaces for inspection (processes still end). */
    static final boolean KEEP = Boolean.getBoolean("p2pchat.lab.keep");

    private static final Set<Lab> OPEN = Collections.synchronizedSet(new LinkedHashSet<>());
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private final String name;
    private final Path directory;
    private final Journal journal;
    private final Topology topology;
    private final List<LabProcess> processes = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> labels = Collections.synchronizedSet(new LinkedHashSet<>());
    private final Netns internet;
    private final Host server;
    private boolean closed;

    private Lab(String name) {
        this.name = name;
        this.directory = BASE_DIRECTORY.resolve(name).toAbsolutePath();
        this.journal = Journal.in(directory);
        this.topology = new Topology(name, journal);
        OPEN.add(this);
        this.internet = topology.internet();
        this.server = new Host(this, topology.serverHost(), List.of(AddressPlan.serverPrimary(), AddressPlan.serverAlternate()));
    }

    /** Builds the internet router and the server host; cleans up stale labs on the first call. */
    public static Lab create() {
        if (STARTED.compareAndSet(false, true)) {
            StaleLabs.clean(Journal.NONE);
            Runtime.getRuntime().addShutdownHook(new Thread(Lab::closeAllOpen, "lab-cleanup"));
        }
        String name = LabNames.newLab(ProcessHandle.current().pid(), new SecureRandom());
        try {
            return new Lab(name);
        } catch (RuntimeException e) {
            // The lab never existed for the caller: remove whatever part of it was built.
            Namespaces.list(Journal.NONE).stream().filter(ns -> ns.startsWith(name + "-"))
                    .forEach(ns -> Namespaces.delete(Journal.NONE, ns));
            throw e;
        }
    }

    /** The lab's name, also the prefix of its namespaces. */
    public String name() {
        return name;
    }

    /** The lab's directory: {@code commands.log}, process output, {@code state.txt} after close. */
    public Path directory() {
        return directory;
    }

    /** The internet router: one interface per link, forwarding, no NAT. */
    public Netns internet() {
        return internet;
    }

    /** The server host, on the internet with two addresses (198.18.0.10 and the alternate .11). */
    public Host server() {
        return server;
    }

    /** Adds a NAT router of {@code kind} on a new link, with an empty LAN: add hosts to it. */
    public NatRouter addNat(NatKind kind) {
        return topology.addNat(this, kind);
    }

    /** Adds a host with its own public address (no NAT) on a new link. */
    public Host addPublicHost() {
        return topology.addPublicHost(this);
    }

    /** Every namespace this lab has created, in creation order. */
    public List<String> namespaces() {
        return topology.namespaces().stream().map(Netns::name).toList();
    }

    /** Starts {@code argv} inside {@code netns}; it ends, at the latest, when the lab closes. */
    public LabProcess start(Netns netns, String label, List<String> argv) {
        synchronized (this) { // a process started while close() runs would escape it
            if (closed) {
                throw new IllegalStateException("lab " + name + " is closed");
            }
            LabProcess process = LabProcess.start(uniqueLabel(label), netns.wrap(argv), directory, journal);
            processes.add(process);
            return process;
        }
    }

    /**
     * Starts a class's {@code main} with the test's JDK, its classpath being the class's own code
     * source (the test classes): such tools must use the JDK alone.
     */
    public LabProcess startJava(Netns netns, String label, Class<?> main, String... args) {
        return start(netns, label, Launchers.java(main, args));
    }

    /** Starts the packaged {@code p2pchat} command ({@code -Dp2pchat.jar}) with the test's JDK. */
    public LabProcess startP2pchat(Netns netns, String label, String... args) {
        return start(netns, label, Launchers.p2pchat(args));
    }

    /** Starts tcpdump on {@code iface} of {@code netns}, writing {@code LABEL.pcap} in the lab directory. */
    public Capture capture(Netns netns, String iface, String... filter) {
        return Capture.start(this, netns, iface, List.of(filter));
    }

    /**
     * Ends every process, records the final state, removes every namespace; safe to call twice. A
     * second caller (the shutdown hook while a test thread is closing) waits until the first is done,
     * so that the JVM does not halt halfway through the cleanup.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<LabProcess> started = new ArrayList<>(processes);
        Collections.reverse(started);
        started.forEach(LabProcess::stop);
        try {
            topology.recordState(directory.resolve("state.txt"));
        } catch (RuntimeException e) {
            journal.note("could not record the final state: " + e); // never a reason to leave namespaces
        }
        try {
            if (KEEP) {
                System.err.println("NAT lab " + name + " kept for inspection: ip netns list | grep " + name);
            } else {
                topology.removeAll();
            }
        } finally {
            OPEN.remove(this);
        }
    }

    Journal journal() {
        return journal;
    }

    Topology topology() {
        return topology;
    }

    private String uniqueLabel(String label) {
        String candidate = label;
        for (int n = 2; !labels.add(candidate); n++) {
            candidate = label + "-" + n;
        }
        return candidate;
    }

    private static void closeAllOpen() {
        List<Lab> open;
        synchronized (OPEN) {
            open = new ArrayList<>(OPEN);
        }
        open.forEach(Lab::close);
    }
}
