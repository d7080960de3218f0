package dev.p2pchat.traversal;

/**
 * Kinds of candidate (RFC 8445 §5.1.1), with the recommended type preferences of §5.1.2.2: a direct LAN
 * address beats one learnt from a peer, which beats one learnt from STUN, which beats a relay.
 */
public enum CandidateType {
    HOST(126),
    /** Peer-reflexive: our or the peer's address as seen by the other side during checks. */
    PRFLX(110),
    /** Server-reflexive: our public address as a STUN server saw it. */
    SRFLX(100),
    RELAY(0);

    private final int typePreference;

    CandidateType(int typePreference) {
        this.typePreference = typePreference;
    }

    public int typePreference() {
        return typePreference;
    }
}
