package dev.p2pchat.lab;

import java.net.InetAddress;

/**
 * The NAT behaviours the lab builds from Linux netfilter, named by the classic terms and described
 * by RFC 4787's mapping (§4.1) and filtering (§5) behaviour. Each kind is a small strategy: the
 * iptables rules it applies to its router, whose WAN interface is {@code wan}.
 *
 * <p>Not offered: an address-restricted cone (endpoint-independent mapping, address-dependent
 * filtering). Conntrack filters on the full 5-tuple, and approximations with the {@code recent}
 * match remember addresses per router, not per mapping, so such a NAT would claim a behaviour it
 * does not have.
 */
public enum NatKind {
    /**
     * {@code -t nat -A POSTROUTING -o wan -j MASQUERADE}. Keeps the inner port when it is free, reuses
     * one mapping for every destination, and lets in only replies from the exact address and port a
     * mapping was used toward (conntrack).
     */
    PORT_RESTRICTED(Mapping.ENDPOINT_INDEPENDENT, Filtering.ADDRESS_AND_PORT_DEPENDENT, Integer.MAX_VALUE) {
        @Override
        void configure(Iptables iptables, InetAddress firstHost) {
            iptables.append("nat", "POSTROUTING", "-o", NatRouter.WAN, "-j", "MASQUERADE");
        }
    },

    /**
     * {@code MASQUERADE --random-fully}: every new destination gets a fresh random external port, so a
     * port learnt from a STUN server is useless toward a peer.
     */
    SYMMETRIC(Mapping.ADDRESS_AND_PORT_DEPENDENT, Filtering.ADDRESS_AND_PORT_DEPENDENT, Integer.MAX_VALUE) {
        @Override
        void configure(Iptables iptables, InetAddress firstHost) {
            iptables.append("nat", "POSTROUTING", "-o", NatRouter.WAN, "-j", "MASQUERADE", "--random-fully");
        }
    },

    /**
     * MASQUERADE plus {@code -t nat -A PREROUTING -i wan -p udp -j DNAT --to-destination FIRST_HOST}:
     * any inbound UDP that matches no existing connection goes to the one inner host, same port.
     * Limits: one inner host only; it forwards to ports that were never mapped, too (a real full cone
     * forwards only to mappings); and if MASQUERADE ever had to change a port, unsolicited packets to
     * that external port reach the inner host at the external port's number, not the mapped one.
     */
    FULL_CONE(Mapping.ENDPOINT_INDEPENDENT, Filtering.ENDPOINT_INDEPENDENT, 1) {
        @Override
        void configure(Iptables iptables, InetAddress firstHost) {
            PORT_RESTRICTED.configure(iptables, firstHost);
            iptables.append("nat", "PREROUTING", "-i", NatRouter.WAN, "-p", "udp",
                    "-j", "DNAT", "--to-destination", firstHost.getHostAddress());
        }
    };

    /** RFC 4787 §4.1: on what the external address and port of a mapping depend. */
    public enum Mapping { ENDPOINT_INDEPENDENT, ADDRESS_AND_PORT_DEPENDENT }

    /** RFC 4787 §5: which outside endpoints may send to a mapping. */
    public enum Filtering { ENDPOINT_INDEPENDENT, ADDRESS_AND_PORT_DEPENDENT }

    private final Mapping mapping;
    private final Filtering filtering;
    private final int maxHosts;

    NatKind(Mapping mapping, Filtering filtering, int maxHosts) {
        this.mapping = mapping;
        this.filtering = filtering;
        this.maxHosts = maxHosts;
    }

    public Mapping mapping() {
        return mapping;
    }

    public Filtering filtering() {
        return filtering;
    }

    /** How many hosts the router's LAN may hold (a full cone forwards to exactly one). */
    public int maxHosts() {
        return maxHosts;
    }

    /** Applies this kind's rules to a router whose first LAN host will be {@code firstHost}. */
    abstract void configure(Iptables iptables, InetAddress firstHost);
}
