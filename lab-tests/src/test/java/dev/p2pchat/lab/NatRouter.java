package dev.p2pchat.lab;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A NAT router: WAN interface {@link #WAN} on its own link to the internet router (its public
 * address), LAN bridge {@link #LAN} holding its hosts, the rules of its {@link NatKind}, and knobs
 * to make it behave like a real, imperfect router.
 */
public final class NatRouter {
    public static final String WAN = "wan";
    public static final String LAN = "br0";

    private final Lab lab;
    private final Netns netns;
    private final NatKind kind;
    private final int link;
    private final List<Host> hosts = Collections.synchronizedList(new ArrayList<>());
    private static final String LOSS_COMMENT = "lab-loss";
    private String[] lossRule;

    NatRouter(Lab lab, Netns netns, NatKind kind, int link) {
        this.lab = lab;
        this.netns = netns;
        this.kind = kind;
        this.link = link;
    }

    public NatKind kind() {
        return kind;
    }

    public Netns netns() {
        return netns;
    }

    /** The address the internet sees for every host behind this NAT. */
    public InetAddress publicAddress() {
        return AddressPlan.farSide(link);
    }

    public List<Host> hosts() {
        return List.copyOf(hosts);
    }

    /** Adds a host to the LAN: 10.N.0.10 for the first, .11 for the next, ... */
    public synchronized Host addHost() {
        int index = hosts.size();
        if (index >= kind.maxHosts()) {
            throw new IllegalStateException(kind + " forwards to one inner host only");
        }
        Netns host = lab.topology().addLanHost(this, index);
        Host added = new Host(lab, host, List.of(AddressPlan.lanHost(link, index)));
        hosts.add(added);
        return added;
    }

    /**
     * How long the NAT keeps an idle UDP mapping: {@code unreplied} for one that has seen traffic one
     * way only, {@code replied} once both ways did ({@code nf_conntrack_udp_timeout[_stream]}, whole
     * seconds). Applies to new and existing entries at their next packet.
     */
    public void setUdpTimeouts(Duration unreplied, Duration replied) {
        netns.sysctl("net.netfilter.nf_conntrack_udp_timeout", Long.toString(unreplied.toSeconds()));
        netns.sysctl("net.netfilter.nf_conntrack_udp_timeout_stream", Long.toString(replied.toSeconds()));
    }

    /**
     * Drops each forwarded packet, both directions, with {@code probability} (0 removes the loss): a
     * lossy wire. On the FORWARD chain, not a host's OUTPUT, where a drop would fail the send (EPERM).
     */
    public synchronized void setLoss(double probability) {
        if (probability < 0 || probability > 1) {
            throw new IllegalArgumentException("probability " + probability);
        }
        if (lossRule != null) {
            netns.iptables().delete("filter", "FORWARD", lossRule);
            lossRule = null;
        }
        if (probability > 0) {
            lossRule = new String[] {"-m", "statistic", "--mode", "random",
                    "--probability", String.format(Locale.ROOT, "%.4f", probability),
                "-m", "comment", "--comment", LOSS_COMMENT, "-j", "DROP"};
            netns.iptables().insert("filter", "FORWARD", lossRule);
        }
    }

    /** How many packets the current {@link #setLoss} rule has dropped so far (0 without one). */
    public synchronized long lostPackets() {
        if (lossRule == null) {
            return 0;
        }
        for (String rule : netns.iptables().listWithCounters("filter", "FORWARD")) {
            if (List.of(rule.split(" ")).contains(LOSS_COMMENT)) {
                return RuleCounter.counters(rule).orElseThrow(() -> new IllegalStateException("no counters: " + rule))[0];
            }
        }
        throw new IllegalStateException("the loss rule is missing from FORWARD");
    }

    /** Forgets every mapping at once, as a NAT reboot or rebinding would ({@code conntrack -F}). */
    public void flushConntrack() {
        netns.conntrack().flush();
    }

    /** The NAT's current mappings and connection records ({@code conntrack -L}). */
    public List<ConntrackEntry> conntrack() {
        return netns.conntrack().entries();
    }

    public Iptables iptables() {
        return netns.iptables();
    }

    /** Captures packets on {@link #WAN} or {@link #LAN} (tcpdump filter words optional). */
    public Capture capture(String iface, String... filter) {
        return lab.capture(netns, iface, filter);
    }

    int link() {
        return link;
    }

    @Override
    public String toString() {
        return kind + " " + netns.name() + " " + publicAddress().getHostAddress();
    }
}
