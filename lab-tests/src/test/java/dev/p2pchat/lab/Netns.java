package dev.p2pchat.lab;

import java.util.ArrayList;
import java.util.List;

/**
 * One network namespace the lab created. Commands run inside it through {@code ip netns exec} (or
 * {@code ip -n} for iproute2 itself); each is logged in the lab's journal.
 */
public final class Netns {
    private final String name;
    private final Journal journal;

    Netns(String name, Journal journal) {
        this.name = name;
        this.journal = journal;
    }

    /** The namespace name, e.g. {@code p2lab-4242-a1b2-nat1}: usable with {@code ip netns exec}. */
    public String name() {
        return name;
    }

    /** Runs a command inside the namespace; a non-zero exit is a {@link LabException}. */
    public CommandResult exec(String... argv) {
        return Command.run(journal, wrap(List.of(argv)));
    }

    /** Runs a command inside the namespace and returns whatever happened. */
    public CommandResult execAllowingFailure(String... argv) {
        return Command.runAllowingFailure(journal, wrap(List.of(argv)));
    }

    /** {@code ip -n NAME args...}: iproute2 switches namespace itself, no exec needed. */
    public CommandResult ip(String... args) {
        List<String> argv = new ArrayList<>(List.of(LabEnvironment.require("ip"), "-n", name));
        argv.addAll(List.of(args));
        return Command.run(journal, argv);
    }

    /** Sets a sysctl of this namespace (net.* sysctls are per namespace). */
    public void sysctl(String key, String value) {
        exec(LabEnvironment.require("sysctl"), "-qw", key + "=" + value);
    }

    public String sysctl(String key) {
        return exec(LabEnvironment.require("sysctl"), "-n", key).stdout().strip();
    }

    public Iptables iptables() {
        return new Iptables(this);
    }

    public Conntrack conntrack() {
        return new Conntrack(this);
    }

    /** The command line that runs {@code argv} inside this namespace. */
    List<String> wrap(List<String> argv) {
        List<String> wrapped = new ArrayList<>(List.of(LabEnvironment.require("ip"), "netns", "exec", name));
        wrapped.addAll(argv);
        return wrapped;
    }

    Journal journal() {
        return journal;
    }

    @Override
    public String toString() {
        return name;
    }
}
