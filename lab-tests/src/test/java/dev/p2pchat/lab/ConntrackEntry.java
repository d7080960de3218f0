package dev.p2pchat.lab;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One line of {@code conntrack -L}: the original tuple (as the first packet was seen), the reply
 * tuple (what a reply must look like, after NAT), and the flags. For a connection a NAT source-
 * translated, the reply's destination is the NAT's external address and port: the mapping.
 *
 * <pre>
 * udp 17 29 src=10.2.0.10 dst=198.18.1.2 sport=40001 dport=40000 [UNREPLIED]
 *           src=198.18.1.2 dst=198.18.2.2 sport=40000 dport=50849 mark=0 use=1
 * </pre>
 */
public record ConntrackEntry(String protocol, Tuple original, Tuple reply, Set<String> flags) {

    /** One direction of a connection. */
    public record Tuple(InetSocketAddress source, InetSocketAddress destination) {}

    /** The external (public) endpoint a NAT gave the original sender. */
    public InetSocketAddress mappedSource() {
        return reply.destination();
    }

    /** True when the NAT translated the original sender's address (an outbound, masqueraded flow). */
    public boolean isSourceTranslated() {
        return !original.source().getAddress().equals(reply.destination().getAddress());
    }

    /**
     * True when the NAT translated the sender's port too: what Linux does when port preservation
     * would clash with another conntrack entry (or always, with {@code --random-fully}).
     */
    public boolean portChanged() {
        return isSourceTranslated() && original.source().getPort() != reply.destination().getPort();
    }

    public boolean isUnreplied() {
        return flags.contains("UNREPLIED");
    }

    /** Parses every port-carrying (UDP, TCP) line of {@code conntrack -L} output; skips the rest. */
    public static List<ConntrackEntry> parseAll(String output) {
        List<ConntrackEntry> entries = new ArrayList<>();
        output.lines().map(ConntrackEntry::parse).flatMap(Optional::stream).forEach(entries::add);
        return entries;
    }

    /** Parses one line; empty for lines without two address-and-port tuples (ICMP, summaries). */
    public static Optional<ConntrackEntry> parse(String line) {
        String[] words = line.strip().split("\\s+");
        if (words.length < 2) {
            return Optional.empty();
        }
        List<String> src = new ArrayList<>();
        List<String> dst = new ArrayList<>();
        List<Integer> sport = new ArrayList<>();
        List<Integer> dport = new ArrayList<>();
        Set<String> flags = new LinkedHashSet<>();
        for (String word : words) {
            if (word.startsWith("[") && word.endsWith("]")) {
                flags.add(word.substring(1, word.length() - 1));
            } else if (word.startsWith("src=")) {
                src.add(word.substring(4));
            } else if (word.startsWith("dst=")) {
                dst.add(word.substring(4));
            } else if (word.startsWith("sport=")) {
                sport.add(Integer.parseInt(word.substring(6)));
            } else if (word.startsWith("dport=")) {
                dport.add(Integer.parseInt(word.substring(6)));
            }
        }
        if (src.size() != 2 || dst.size() != 2 || sport.size() != 2 || dport.size() != 2) {
            return Optional.empty();
        }
        Tuple original = tuple(src.get(0), sport.get(0), dst.get(0), dport.get(0));
        Tuple reply = tuple(src.get(1), sport.get(1), dst.get(1), dport.get(1));
        return Optional.of(new ConntrackEntry(words[0], original, reply, Set.copyOf(flags)));
    }

    private static Tuple tuple(String src, int sport, String dst, int dport) {
        return new Tuple(
                new InetSocketAddress(InetAddress.ofLiteral(src), sport),
                new InetSocketAddress(InetAddress.ofLiteral(dst), dport));
    }
}
