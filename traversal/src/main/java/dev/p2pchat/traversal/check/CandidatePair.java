package dev.p2pchat.traversal.check;

import dev.p2pchat.traversal.Candidate;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A remote candidate being checked from our one socket. With a single shared socket the local half of a
 * pair is not chosen but discovered: the PONG tells which of our addresses the peer saw
 * ({@link #observedLocal()}). Mutable; owned by its {@link Checker}, on the agent's loop.
 */
public final class CandidatePair {
    private final Candidate remote;
    private final InetSocketAddress remoteAddress;
    private long priority;
    private PairState state = PairState.WAITING;
    private int attempts;
    private Instant nextDue;
    private Duration rtt;
    private InetSocketAddress observedLocal;

    CandidatePair(Candidate remote, long priority, Instant firstDue) {
        this.remote = remote;
        this.remoteAddress = remote.address();
        this.priority = priority;
        this.nextDue = firstDue;
    }

    public Candidate remote() {
        return remote;
    }

    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    public long priority() {
        return priority;
    }

    public PairState state() {
        return state;
    }

    public int attempts() {
        return attempts;
    }

    /** Round-trip time of the successful check. */
    public Optional<Duration> rtt() {
        return Optional.ofNullable(rtt);
    }

    /** Our address as the peer saw it, from its PONG. */
    public Optional<InetSocketAddress> observedLocal() {
        return Optional.ofNullable(observedLocal);
    }

    Instant nextDue() {
        return nextDue;
    }

    void sent(Instant now, Duration retransmitAfter) {
        state = state.on(PairState.Event.PING_SENT);
        attempts++;
        nextDue = now.plus(retransmitAfter);
    }

    /** Checked again from scratch, due at once (see {@link PairState}: RECHECK). */
    void recheck(Instant now) {
        state = state.on(PairState.Event.RECHECK);
        attempts = 0;
        nextDue = now;
    }

    void succeeded(Duration measuredRtt, InetSocketAddress observed, long newPriority) {
        state = state.on(PairState.Event.PONG_RECEIVED);
        rtt = measuredRtt;
        observedLocal = observed;
        priority = newPriority;
    }

    @Override
    public String toString() {
        return remote.type() + " " + remoteAddress + " " + state + " after " + attempts + " PING(s)";
    }
}
