package dev.p2pchat.lab;

import java.util.List;

/** Reads the packet and byte counters of one rule added by {@link Iptables#count}. */
public final class RuleCounter {
    private final Iptables iptables;
    private final String table;
    private final String chain;
    private final String comment;

    RuleCounter(Iptables iptables, String table, String chain, String comment) {
        this.iptables = iptables;
        this.table = table;
        this.chain = chain;
        this.comment = comment;
    }

    public long packets() {
        return read()[0];
    }

    public long bytes() {
        return read()[1];
    }

    /** Parses the {@code -c PACKETS BYTES} that {@code iptables -S -v} appends to a rule. */
    private long[] read() {
        List<String> rules = iptables.listWithCounters(table, chain);
        for (String rule : rules) {
            String[] words = rule.split(" ");
            if (List.of(words).contains(comment) && words.length >= 3 && words[words.length - 3].equals("-c")) {
                return new long[] {Long.parseLong(words[words.length - 2]), Long.parseLong(words[words.length - 1])};
            }
        }
        throw new IllegalStateException("counter " + comment + " not found in " + table + " " + chain + ": " + rules);
    }

    @Override
    public String toString() {
        return table + "/" + chain + "/" + comment;
    }
}
