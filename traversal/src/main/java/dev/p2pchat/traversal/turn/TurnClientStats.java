package dev.p2pchat.traversal.turn;

/**
 * Counters of one TURN client. Written on the loop; read them there, or accept a slightly stale value.
 */
public final class TurnClientStats {
    long sentIndications;
    long sentChannelData;
    long receivedIndications;
    long receivedChannelData;
    long dropped;
    long queueOverflow;
    long permissionFailures;
    long channelFailures;
    long refreshes;
    long keepalives;

    /** Datagrams sent to peers as Send indications (before a channel was bound). */
    public long sentIndications() {
        return sentIndications;
    }

    /** Datagrams sent to peers as ChannelData. */
    public long sentChannelData() {
        return sentChannelData;
    }

    /** Datagrams from peers that came as Data indications. */
    public long receivedIndications() {
        return receivedIndications;
    }

    /** Datagrams from peers that came as ChannelData. */
    public long receivedChannelData() {
        return receivedChannelData;
    }

    /** Datagrams from the server we could not use: malformed, unknown channel, after close. */
    public long dropped() {
        return dropped;
    }

    /** Datagrams to peers dropped while waiting for a permission (queue full, or refused). */
    public long queueOverflow() {
        return queueOverflow;
    }

    public long permissionFailures() {
        return permissionFailures;
    }

    public long channelFailures() {
        return channelFailures;
    }

    /** Binding indications sent to hold the NAT mapping toward the server. */
    public long keepalives() {
        return keepalives;
    }

    /** Allocation refreshes that succeeded. */
    public long refreshes() {
        return refreshes;
    }
}
