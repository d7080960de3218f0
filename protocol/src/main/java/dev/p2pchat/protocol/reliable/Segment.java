package dev.p2pchat.protocol.reliable;

/** One DATA frame on the sender's side, with its transmission history. Mutable; owned by {@link ReliableSender}. */
final class Segment {
    final DataFrame frame;
    /** Time of the latest transmission, in nanoseconds. */
    long lastSentAt;
    /** Order of the latest transmission among all of this stream's transmissions; 0 = never sent. */
    long txOrder;
    int transmissions;
    /** The peer reported it in a SACK range: received, not yet delivered. */
    boolean sacked;
    /** Declared lost: goes out again at the next poll. */
    boolean lost;
    /** Overdue when the RTO fired: declared lost as soon as the peer shows the path works again. */
    boolean suspect;

    Segment(DataFrame frame) {
        this.frame = frame;
    }

    long seq() {
        return frame.sequence();
    }

    boolean outstanding() {
        return !sacked;
    }
}
