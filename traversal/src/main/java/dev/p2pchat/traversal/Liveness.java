package dev.p2pchat.traversal;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a selected path still works, from what was heard on it and the PINGs that went unanswered. Pure
 * policy with time passed in (after Tailscale's endpoint tracker); the {@link Connection} owns the timer.
 *
 * <pre>
 *   heard ──────────────► TRUSTED ◄──────────── any frame from the peer
 *                           │ a PING (keepalive, or a probe before a payload sent after silence)
 *                           ▼
 *                        AWAITING ── no frame for one probe interval ──► PING again (up to N times)
 *                           │ still nothing one interval after the N-th repeat
 *                           ▼
 *                          LOST
 * </pre>
 *
 * A path idle between keepalives is thus reported lost at most one keepalive interval plus
 * (N + 1) probe intervals after it broke; a path in use, (N + 2) probe intervals after the first payload
 * sent into the silence: data that is not answered by any frame within a probe interval
 * ({@link #expectAnswer}) starts the PINGs, as a keepalive would.
 */
final class Liveness {
    enum Verdict { FINE, PROBE, LOST }

    private final Duration probeInterval;
    private final int probes;
    private Instant lastHeard;
    private Instant unansweredSince;
    /** The first data sent since the peer was last heard that awaits its answer; null: none. */
    private Instant expectingSince;
    private int repeats;

    Liveness(Instant now, Duration probeInterval, int probes) {
        this.lastHeard = now;
        this.probeInterval = probeInterval;
        this.probes = probes;
    }

    /** A frame came from the peer on the path. */
    void heard(Instant now) {
        lastHeard = now;
        unansweredSince = null;
        expectingSince = null;
        repeats = 0;
    }

    /**
     * Data went out that the peer answers (with its ACK); true when the caller must check, one probe
     * interval later, whether anything was heard since ({@link #answerOverdue}).
     */
    boolean expectAnswer(Instant now) {
        if (expectingSince != null || unansweredSince != null) {
            return false;
        }
        expectingSince = now;
        return true;
    }

    /** Data has waited a probe interval without a frame from the peer, and no PING is out yet. */
    boolean answerOverdue(Instant now) {
        return unansweredSince == null && expectingSince != null
                && Duration.between(expectingSince, now).compareTo(probeInterval) >= 0;
    }

    /** How many PINGs were repeated without an answer so far. */
    int repeats() {
        return repeats;
    }

    /** Whether a PING is out unanswered: the path is in doubt. */
    boolean inDoubt() {
        return unansweredSince != null;
    }

    Instant lastHeard() {
        return lastHeard;
    }

    /** A PING went out that the peer should answer; true when the caller must start the probe timer. */
    boolean pinged(Instant now) {
        if (unansweredSince != null) {
            return false;
        }
        unansweredSince = now;
        return true;
    }

    /** Whether a payload sent now, after this much silence, should be accompanied by a PING. */
    boolean untrusted(Instant now) {
        return unansweredSince == null && Duration.between(lastHeard, now).compareTo(probeInterval.multipliedBy(2)) > 0;
    }

    /** The probe timer fired: nothing to do, PING again (and re-arm), or the path is lost. */
    Verdict onTimer() {
        if (unansweredSince == null) {
            return Verdict.FINE;
        }
        if (repeats < probes) {
            repeats++;
            return Verdict.PROBE;
        }
        return Verdict.LOST;
    }

    Duration probeInterval() {
        return probeInterval;
    }

    /** Since when the path is in doubt: its first unanswered PING, or the last frame heard if none is out. */
    Instant troubleSince() {
        return unansweredSince != null ? unansweredSince : lastHeard;
    }

    /** Time since the first unanswered PING, for the loss report. */
    Duration unansweredFor(Instant now) {
        return unansweredSince == null ? Duration.ZERO : Duration.between(unansweredSince, now);
    }
}
