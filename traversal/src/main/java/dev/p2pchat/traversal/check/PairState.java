package dev.p2pchat.traversal.check;

/**
 * State of one candidate pair (after RFC 8445 §6.1.2.6, without Frozen: we have one component and one
 * data stream, so every pair may be checked at once).
 *
 * <pre>
 *   WAITING --first PING sent--> IN_PROGRESS --PONG from the address pinged--> SUCCEEDED
 *      |  ^                                                                       ^  |
 *      +--|--------------------- PONG to a triggered check -----------------------+  |
 *         +---------- RECHECK: it answered through the relay only, and a relayed ----+
 *                     pair is in use: check it again, straight
 * </pre>
 * Otherwise a pair never goes back: a path that stops answering later is the keepalive's business, not the checks'.
 */
public enum PairState {
    WAITING,
    IN_PROGRESS,
    SUCCEEDED;

    /** The state after {@code event}; the only transition method. */
    public PairState on(Event event) {
        return switch (event) {
            case PING_SENT -> this == WAITING ? IN_PROGRESS : this;
            case PONG_RECEIVED -> SUCCEEDED;
            case RECHECK -> this == SUCCEEDED ? WAITING : this;
        };
    }

    public enum Event {
        PING_SENT,
        PONG_RECEIVED,
        RECHECK
    }
}
