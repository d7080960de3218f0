package dev.p2pchat.traversal;

import java.util.concurrent.atomic.AtomicLong;

/** What an agent dropped, and why. Readable from any thread. */
public final class AgentCounters {
    final AtomicLong malformed = new AtomicLong();
    final AtomicLong unknownReceiver = new AtomicLong();
    final AtomicLong badTag = new AtomicLong();
    final AtomicLong primesIgnored = new AtomicLong();
    final AtomicLong unroutedFrames = new AtomicLong();
    final AtomicLong hardNatDatagrams = new AtomicLong();

    /** Check frames of the wrong length, type or flags. */
    public long malformed() {
        return malformed.get();
    }

    /** Check frames for a ufrag that names no connection here (stale, or guessed). */
    public long unknownReceiver() {
        return unknownReceiver.get();
    }

    /** Check frames whose HMAC tag did not verify. */
    public long badTag() {
        return badTag.get();
    }

    /** PRIME frames that arrived although their TTL was meant to stop them. */
    public long primesIgnored() {
        return primesIgnored.get();
    }

    /** Payload frames from an address that is no selected path's peer. */
    public long unroutedFrames() {
        return unroutedFrames.get();
    }

    /** Datagrams sent for hard-NAT punching: guessed-port PINGs and the extra sockets' PRIMEs. */
    public long hardNatDatagrams() {
        return hardNatDatagrams.get();
    }

    @Override
    public String toString() {
        return "malformed=" + malformed + " unknownReceiver=" + unknownReceiver + " badTag=" + badTag
                + " primesIgnored=" + primesIgnored + " unroutedFrames=" + unroutedFrames + " hardNatDatagrams=" + hardNatDatagrams;
    }
}
