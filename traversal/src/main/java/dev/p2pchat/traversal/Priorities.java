package dev.p2pchat.traversal;

/** The priority formulas of RFC 8445, which both peers must compute alike. */
public final class Priorities {
    /** RFC 8445 §5.1.2.1: a single-homed host uses the maximum local preference. */
    public static final int MAX_LOCAL_PREFERENCE = 65_535;
    /** We carry one component (a chat has one UDP flow); RFC 8445 numbers components from 1. */
    public static final int COMPONENT = 1;

    private Priorities() {}

    /** RFC 8445 §5.1.2.1: 2^24 · type preference + 2^8 · local preference + (256 − component). */
    public static long candidate(CandidateType type, int localPreference) {
        if (localPreference < 0 || localPreference > MAX_LOCAL_PREFERENCE) {
            throw new IllegalArgumentException("local preference out of range: " + localPreference);
        }
        return ((long) type.typePreference() << 24) + ((long) localPreference << 8) + (256 - COMPONENT);
    }

    /**
     * RFC 8445 §6.1.2.3: 2^32 · min(G, D) + 2 · max(G, D) + (G &gt; D ? 1 : 0), where G is the controlling
     * agent's candidate priority and D the controlled agent's.
     */
    public static long pair(long controlling, long controlled) {
        return (Math.min(controlling, controlled) << 32) + 2 * Math.max(controlling, controlled)
                + (controlling > controlled ? 1 : 0);
    }
}
