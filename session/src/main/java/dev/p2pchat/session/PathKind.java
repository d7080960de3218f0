package dev.p2pchat.session;

import dev.p2pchat.traversal.CandidateType;
import dev.p2pchat.traversal.Path;

/** How the session's datagrams travel: straight to the peer, or through a TURN relay. */
public enum PathKind {
    DIRECT,
    RELAYED;

    /** A path is relayed when either end of its selected pair is a relay candidate. */
    public static PathKind of(Path path) {
        boolean relayed = path.localCandidate().type() == CandidateType.RELAY
                || path.remoteCandidate().type() == CandidateType.RELAY;
        return relayed ? RELAYED : DIRECT;
    }
}
