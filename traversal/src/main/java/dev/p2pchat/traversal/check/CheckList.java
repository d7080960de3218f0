package dev.p2pchat.traversal.check;

import dev.p2pchat.traversal.Candidate;
import dev.p2pchat.traversal.CandidateType;
import dev.p2pchat.traversal.Priorities;
import dev.p2pchat.traversal.Role;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The pairs of one connection, highest priority first (RFC 8445 §6.1.2). With one socket there is one
 * pair per remote address; its priority uses the local candidate the peer is most likely to see — our
 * host candidate toward a host candidate, our server-reflexive one otherwise — until a PONG tells.
 */
public final class CheckList {
    private static final Comparator<CandidatePair> BY_PRIORITY =
            Comparator.comparingLong(CandidatePair::priority).reversed();

    private final Role role;
    private final List<Candidate> local;
    private final List<CandidatePair> pairs = new ArrayList<>();

    CheckList(Role role, List<Candidate> local, List<Candidate> remote, Instant now) {
        this.role = role;
        this.local = List.copyOf(local);
        for (Candidate r : remote) {
            if (find(r.address()).isEmpty()) {
                pairs.add(new CandidatePair(r, pairPriority(expectedLocal(r), r.priority()), now));
            }
        }
        pairs.sort(BY_PRIORITY);
    }

    public List<CandidatePair> all() {
        return List.copyOf(pairs);
    }

    Optional<CandidatePair> find(InetSocketAddress remote) {
        return pairs.stream().filter(p -> p.remoteAddress().equals(remote)).findFirst();
    }

    /** A PING came from an address not among the peer's candidates (RFC 8445 §7.3.1.3). */
    CandidatePair addPeerReflexive(InetSocketAddress from, long priority, Instant now) {
        Candidate c = new Candidate(CandidateType.PRFLX, from.getAddress().getHostAddress(), from.getPort(),
                priority, "prflx");
        CandidatePair pair = new CandidatePair(c, pairPriority(bestLocalPriority(), priority), now);
        pairs.add(pair);
        pairs.sort(BY_PRIORITY);
        return pair;
    }

    /** The earliest-due unfinished pair of those {@code wanted}, by priority among those due. */
    Optional<CandidatePair> nextDue(Instant now, java.util.function.Predicate<CandidatePair> wanted) {
        return pairs.stream()
                .filter(p -> p.state() != PairState.SUCCEEDED && !p.nextDue().isAfter(now) && wanted.test(p))
                .findFirst();
    }

    Optional<CandidatePair> bestSucceeded() {
        return pairs.stream().filter(p -> p.state() == PairState.SUCCEEDED).max(Comparator.comparingLong(CandidatePair::priority));
    }

    /** The pair's priority once the peer told us which of our addresses it saw. */
    long priorityWithLocal(CandidatePair pair, InetSocketAddress observed) {
        long localPriority = local.stream().filter(c -> c.address().equals(observed)).findFirst()
                .map(Candidate::priority).orElse(Checker.prflxPriority());
        return pairPriority(localPriority, pair.remote().priority());
    }

    private long expectedLocal(Candidate remote) {
        CandidateType wanted = remote.type() == CandidateType.HOST ? CandidateType.HOST : CandidateType.SRFLX;
        return local.stream().filter(c -> c.type() == wanted).mapToLong(Candidate::priority).max()
                .orElse(bestLocalPriority());
    }

    private long bestLocalPriority() {
        return local.stream().mapToLong(Candidate::priority).max().orElse(Checker.prflxPriority());
    }

    private long pairPriority(long localPriority, long remotePriority) {
        return role == Role.CONTROLLING ? Priorities.pair(localPriority, remotePriority)
                : Priorities.pair(remotePriority, localPriority);
    }
}
