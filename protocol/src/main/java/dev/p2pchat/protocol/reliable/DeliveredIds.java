package dev.p2pchat.protocol.reliable;

/**
 * The ids of messages already handed to the application, from one peer: the receiver's memory across
 * sessions and process restarts. Sequence numbers restart with every session, so a message the
 * sender re-sends after a reconnection (because the ACK was lost) is recognised by its id,
 * acknowledged again, and not delivered twice.
 *
 * <p>One instance per peer. It may be bounded: it must remember at least the ids the peer can still
 * be re-sending, which are the ones it has not seen acknowledged; those are among the last
 * {@code sendWindow} messages delivered (the peer never has more unacknowledged segments in flight),
 * so keeping a few thousand recent ids is ample.
 *
 * <p>The receiver calls {@link #add} immediately before it returns the message to the application.
 * For exactly-once across a crash, a persistent implementation should commit the id in the same
 * transaction as the message itself (for instance, back both by the history table, keyed by id).
 */
public interface DeliveredIds {
    boolean contains(MessageId id);

    void add(MessageId id);
}
