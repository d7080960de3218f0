package dev.p2pchat.traversal;

import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * The relayed pair of a connection, kept to fall back to while the path runs direct: the peer's address on
 * it, both candidates (what {@link Path#kind()} reports once back on it), and when a frame last came over
 * it. Pure; the {@link Connection} sends the keepalives and owns the clock.
 *
 * <p>There are two kinds. Through the <em>peer's</em> relay, the pair's remote address is the peer's relayed
 * address, which we reach straight from our socket. Through <em>ours</em>, the remote address is the peer's
 * own (often the same as the direct pair's), and only the way a frame arrived tells the two apart.
 */
final class RelayRoute {
    private final InetSocketAddress remote;
    private final Candidate local;
    private final Candidate remoteCandidate;
    private Instant lastHeard;

    RelayRoute(InetSocketAddress remote, Candidate local, Candidate remoteCandidate, Instant now) {
        this.remote = remote;
        this.local = local;
        this.remoteCandidate = remoteCandidate;
        this.lastHeard = now;
    }

    /** The route of a path that runs over a relay now. */
    static RelayRoute of(Path path, Instant now) {
        return new RelayRoute(path.remoteAddress(), path.localCandidate(), path.remoteCandidate(), now);
    }

    /** The same route after the peer's NAT rebound to {@code to} (only for a route through our relay). */
    RelayRoute movedTo(InetSocketAddress to) {
        return new RelayRoute(to, local, remoteCandidate, lastHeard);
    }

    InetSocketAddress remote() {
        return remote;
    }

    Candidate local() {
        return local;
    }

    Candidate remoteCandidate() {
        return remoteCandidate;
    }

    /** Whether frames on this route go through our own allocation (else straight to the peer's relay). */
    boolean viaOurRelay() {
        return local.type() == CandidateType.RELAY;
    }

    /** Whether a frame from {@code from} that did or did not come through our relay travelled this route. */
    boolean carries(InetSocketAddress from, boolean arrivedViaOurRelay) {
        return from.equals(remote) && (arrivedViaOurRelay || !viaOurRelay());
    }

    void heard(Instant now) {
        lastHeard = now;
    }

    /** Whether a frame came over the route at or after {@code t}: while the direct pair was silent, it answered. */
    boolean heardSince(Instant t) {
        return !lastHeard.isBefore(t);
    }
}
