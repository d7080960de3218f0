package dev.p2pchat.protocol.room;

import java.util.ArrayList;
import java.util.List;

/**
 * A room's whole membership chain, verified from the genesis, with the membership at every
 * version: a message of an earlier epoch is checked against the membership of its epoch. Not
 * thread-safe: one owner.
 */
public final class MembershipLog {
    private final List<MembershipChange> changes = new ArrayList<>();
    private final List<Membership> states = new ArrayList<>();

    private MembershipLog(MembershipChange genesis, Membership first) {
        changes.add(genesis);
        states.add(first);
    }

    /** Verifies a chain from its genesis; what a joiner does with the chain an invitation brings. */
    public static MembershipLog verify(List<MembershipChange> chain) throws MembershipException {
        if (chain.isEmpty()) {
            throw new MembershipException(new MembershipRejection.NotGenesis(0));
        }
        MembershipLog log = new MembershipLog(chain.getFirst(), Membership.genesis(chain.getFirst()));
        for (MembershipChange change : chain.subList(1, chain.size())) {
            log.append(change);
        }
        return log;
    }

    /** Applies the next change; on refusal nothing changes. */
    public Membership append(MembershipChange change) throws MembershipException {
        Membership next = current().apply(change);
        changes.add(change);
        states.add(next);
        return next;
    }

    /**
     * Applies whatever of {@code incoming} extends this chain, in version order, skipping what is
     * already here; stops at the first refusal other than a stale version and returns it.
     */
    public List<Membership> merge(List<MembershipChange> incoming) throws MembershipException {
        List<Membership> applied = new ArrayList<>();
        List<MembershipChange> sorted = new ArrayList<>(incoming);
        sorted.sort((a, b) -> Long.compare(a.version(), b.version()));
        for (MembershipChange change : sorted) {
            if (change.version() <= version() && change.equals(change(change.version()))) {
                continue;
            }
            applied.add(append(change));
        }
        return applied;
    }

    public Membership current() {
        return states.getLast();
    }

    public long version() {
        return current().version();
    }

    public RoomId roomId() {
        return states.getFirst().roomId();
    }

    /** The membership at {@code version}, i.e. the readers of that epoch. */
    public Membership at(long version) {
        if (version < 1 || version > version()) {
            throw new IllegalArgumentException("no membership version " + version);
        }
        return states.get((int) version - 1);
    }

    /** Changes after {@code version}, for a member that is behind. */
    public List<MembershipChange> after(long version) {
        int from = (int) Math.max(0, Math.min(version, version()));
        return List.copyOf(changes.subList(from, changes.size()));
    }

    /** The change that made {@code version}. */
    public MembershipChange change(long version) {
        if (version < 1 || version > version()) {
            throw new IllegalArgumentException("no membership version " + version);
        }
        return changes.get((int) version - 1);
    }

    public List<MembershipChange> changes() {
        return List.copyOf(changes);
    }
}
