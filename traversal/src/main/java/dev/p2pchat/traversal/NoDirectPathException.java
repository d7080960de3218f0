package dev.p2pchat.traversal;

/**
 * The checks ended without a working, nominated pair within the connect timeout: the two NATs (or a
 * firewall) do not let a direct path through. The message says what was tried; the caller falls back to a
 * relay or tells the user.
 */
public final class NoDirectPathException extends Exception {
    private final boolean peerSilent;

    public NoDirectPathException(String message) {
        this(message, false);
    }

    /**
     * @param peerSilent the checks ran and not one PING from the peer arrived: the mark of a NAT mapping that
     *                   went wrong (a conntrack clash moved our flow to another port, see "priming" in
     *                   docs/architecture.md); like any failure, the agent's next attempts gather on a fresh port
     */
    public NoDirectPathException(String message, boolean peerSilent) {
        super(message);
        this.peerSilent = peerSilent;
    }

    /** Not one PING from the peer arrived during the checks. */
    public boolean peerSilent() {
        return peerSilent;
    }
}
