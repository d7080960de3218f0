package dev.p2pchat.traversal.sim;

/** Why the simulated internet dropped a datagram. */
public enum DropReason {
    /** Random loss on a link. */
    LOST,
    /** The TTL ran out at a router (a NAT or the internet core). */
    TTL_EXPIRED,
    /** No host or NAT owns the destination address. */
    NO_ROUTE,
    /** Inbound at a NAT on a port with no live mapping. */
    NO_MAPPING,
    /** Inbound at a NAT, refused by its filtering behaviour. */
    FILTERED,
    /** To the NAT's own public address from inside, and the NAT does not hairpin. */
    NO_HAIRPIN,
    /** Reached the host, but no endpoint is bound to the port (or it has no handler). */
    NO_LISTENER
}
