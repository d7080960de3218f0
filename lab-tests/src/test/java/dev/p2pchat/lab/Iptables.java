package dev.p2pchat.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** iptables in one namespace: append and delete rules, and count packets with target-less rules. */
public final class Iptables {
    private static final AtomicInteger COUNTERS = new AtomicInteger();

    private final Netns netns;

    Iptables(Netns netns) {
        this.netns = netns;
    }

    /** {@code iptables -t TABLE -A CHAIN rule...}. */
    public void append(String table, String chain, String... rule) {
        run(table, "-A", chain, rule);
    }

    /** {@code iptables -t TABLE -I CHAIN rule...}: first in the chain. */
    public void insert(String table, String chain, String... rule) {
        run(table, "-I", chain, rule);
    }

    /** {@code iptables -t TABLE -D CHAIN rule...}: removes the first rule equal to {@code rule}. */
    public void delete(String table, String chain, String... rule) {
        run(table, "-D", chain, rule);
    }

    /**
     * Adds, first in the chain, a rule with {@code match} and no target: it changes nothing and only
     * counts the packets that match, e.g. {@code count("raw", "PREROUTING", "-p", "udp", "--dport",
     * "4000")}. Put it in a chain the packets of interest traverse (raw PREROUTING sees packets that
     * forwarding will later drop for an expired TTL; filter FORWARD sees only forwarded ones).
     */
    public RuleCounter count(String table, String chain, String... match) {
        String comment = "lab-count-" + COUNTERS.incrementAndGet();
        List<String> rule = new ArrayList<>(List.of(match));
        rule.addAll(List.of("-m", "comment", "--comment", comment));
        insert(table, chain, rule.toArray(String[]::new));
        return new RuleCounter(this, table, chain, comment);
    }

    /** {@code iptables -t TABLE -S CHAIN -v}: the rules with their {@code -c packets bytes}. */
    public List<String> listWithCounters(String table, String chain) {
        return netns.exec(LabEnvironment.require("iptables"), "-w", "-t", table, "-S", chain, "-v").lines();
    }

    private void run(String table, String op, String chain, String... rule) {
        List<String> argv = new ArrayList<>(List.of(LabEnvironment.require("iptables"), "-w", "-t", table, op, chain));
        argv.addAll(List.of(rule));
        netns.exec(argv.toArray(String[]::new));
    }
}
