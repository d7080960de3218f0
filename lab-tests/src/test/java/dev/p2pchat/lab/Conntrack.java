package dev.p2pchat.lab;

import java.util.List;

/**
 * The connection-tracking table of one namespace (Debian package {@code conntrack}). On a NAT router
 * it is the NAT's mapping table: listing shows the mappings, flushing forgets them all, as a NAT
 * reboot or a rebinding would.
 */
public final class Conntrack {
    private final Netns netns;

    Conntrack(Netns netns) {
        this.netns = netns;
    }

    /** {@code conntrack -L}: every UDP and TCP entry. */
    public List<ConntrackEntry> entries() {
        return ConntrackEntry.parseAll(netns.exec(LabEnvironment.require("conntrack"), "-L").stdout());
    }

    /** {@code conntrack -F}: forget every mapping now. */
    public void flush() {
        netns.exec(LabEnvironment.require("conntrack"), "-F");
    }
}
