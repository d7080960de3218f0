package dev.p2pchat.lab;

import java.util.List;
import java.util.Optional;

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
            if (List.of(rule.split(" ")).contains(comment)) {
                return counters(rule).orElseThrow(() -> new IllegalStateException("no counters in " + rule));
            }
        }
        throw new IllegalStateException("counter " + comment + " not found in " + table + " " + chain + ": " + rules);
    }

    /**
     * The {@code -c PACKETS BYTES} of one {@code iptables -S -v} line: at the end of a rule without a
     * target, before {@code -j TARGET} otherwise (iptables-nft).
     */
    static Optional<long[]> counters(String rule) {
        List<String> words = List.of(rule.split(" "));
        int at = words.indexOf("-c");
        if (at < 0 || at + 2 >= words.size()) {
            return Optional.empty();
        }
        return Optional.of(new long[] {Long.parseLong(words.get(at + 1)), Long.parseLong(words.get(at + 2))});
    }

    @Override
    public String toString() {
        return table + "/" + chain + "/" + comment;
    }
}
