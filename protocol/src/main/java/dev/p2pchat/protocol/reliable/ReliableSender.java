package dev.p2pchat.protocol.reliable;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;

/**
 * The sending half: splits messages into segments, keeps at most {@code sendWindow} of them in
 * flight, and decides what goes out again.
 *
 * <p>Retransmission, per RFC 6298 §5: one timer, started when data goes out and none is running
 * (§5.1), stopped when all is acknowledged (§5.2), restarted when an ACK advances the cumulative
 * point (§5.3). On expiry the earliest unacknowledged segment goes out again, RTO doubles and the
 * timer restarts (§5.4–5.6). Like RFC 9002 §6.2.4's probe timeout, the stream sends two packets then:
 * the segment, and a PING with a second copy of it; the PING's PONG is an RTT sample free of Karn's
 * ambiguity, and, since the PING has a transmission number, also loss evidence for what was sent
 * before it. Under heavy loss this lets recovery go on at the pace of the probes. The other
 * segments that had been outstanding for a full RTO are only <em>suspected</em>: they go out again
 * once an ACK or PONG shows that the path works (RFC 6675 §5.1 treats all of them as lost after an
 * RTO; waiting for proof of life keeps a dead path from getting a window's worth every backoff).
 *
 * <p>Between timeouts, holes are repaired from ACK evidence as in RFC 9002 §6.1: a segment is lost
 * when a transmission sent after it has been acknowledged and either {@link Rfc6298#DUP_THRESHOLD}
 * higher sequence numbers are acknowledged (packet threshold) or 9/8 of an RTT has passed since it
 * was sent (time threshold, with a loss timer for the rest). Evidence counts by transmission order,
 * so a retransmitted segment is not declared lost again by the ACK of something sent before it; the
 * time threshold also repairs holes near the tail, where no three later segments exist.
 *
 * <p>RTT samples follow Karn's algorithm: only from the highest sequence number an ACK covers, when
 * that ACK newly acknowledges it and it was sent once; the receiver's reported ack delay is taken out
 * as in RFC 9002 §5.3. No congestion window: chat traffic is small and the send window bounds it.
 */
final class ReliableSender {
    static final long NONE = Long.MIN_VALUE;

    private final StreamConfig config;
    private final RtoEstimator rto;
    private final ArrayDeque<Segment> queued = new ArrayDeque<>();
    /** Contiguous by sequence number, from the highest cumulatively acknowledged + 1. */
    private final List<Segment> inFlight = new ArrayList<>();
    private final SenderCounters counters = new SenderCounters();
    private long nextSeq = 1;
    private long highestSent;
    private long highestAcked;
    private long latestAckedTx;
    private long txCounter;
    private long timerDeadline = NONE;
    private long lossDeadline = NONE;
    private long minRtt = NONE;
    private long latestRtt = NONE;
    private DataFrame probeCopy;

    ReliableSender(StreamConfig config) {
        this.config = config;
        this.rto = new RtoEstimator(config.initialRto(), config.minRto(), config.maxRto());
    }

    SendResult offer(MessageId id, byte[] payload) {
        if (payload.length > config.maxMessageBytes()) {
            return SendResult.TOO_LARGE;
        }
        int size = config.maxFragmentPayload();
        int fragments = Math.max(1, (payload.length + size - 1) / size);
        if (queued.size() + fragments > config.maxQueuedSegments()) {
            return SendResult.QUEUE_FULL;
        }
        for (int i = 0; i < fragments; i++) {
            int from = i * size;
            byte[] part = Arrays.copyOfRange(payload, from, Math.min(payload.length, from + size));
            queued.add(new Segment(new DataFrame(nextSeq++, id, i == fragments - 1, part)));
        }
        counters.messagesAccepted++;
        return SendResult.ACCEPTED;
    }

    /**
     * Applies an ACK: returns the ids of messages now acknowledged in full, in order, or {@code null}
     * when the ACK claims sequence numbers never sent (a broken or hostile peer: ignored, counted).
     */
    List<MessageId> onAck(AckFrame ack, long now) {
        if (ack.largest() > highestSent) {
            counters.invalidAcks++;
            return null;
        }
        Segment largest = null;
        List<MessageId> acknowledged = new ArrayList<>();
        int covered = 0;
        while (covered < inFlight.size() && inFlight.get(covered).seq() <= ack.cumulative()) {
            Segment s = inFlight.get(covered++);
            largest = noteAcked(s, ack, largest);
            if (s.frame.end()) {
                acknowledged.add(s.frame.messageId());
            }
        }
        inFlight.subList(0, covered).clear();
        for (Segment s : inFlight) {
            if (!s.sacked && ack.covers(s.seq())) {
                largest = noteAcked(s, ack, largest);
                s.sacked = true;
                s.lost = false;
                s.suspect = false;
            }
        }
        highestAcked = Math.max(highestAcked, ack.largest());
        if (largest != null && largest.transmissions == 1) {
            onRttSample(now - largest.lastSentAt, ack.ackDelayMicros() * 1_000);
        }
        if (covered > 0) {
            timerDeadline = inFlight.isEmpty() ? NONE : now + rto.rto(); // §5.2, §5.3, with the new RTO
        }
        detectLosses(now);
        counters.messagesAcknowledged += acknowledged.size();
        return acknowledged;
    }

    private Segment noteAcked(Segment s, AckFrame ack, Segment largest) {
        if (s.sacked) {
            return largest; // acknowledged before: no new evidence
        }
        latestAckedTx = Math.max(latestAckedTx, s.txOrder);
        return s.seq() == ack.largest() ? s : largest;
    }

    private void onRttSample(long rtt, long ackDelay) {
        latestRtt = rtt;
        minRtt = minRtt == NONE ? rtt : Math.min(minRtt, rtt);
        long adjusted = rtt - ackDelay >= minRtt ? rtt - ackDelay : rtt; // RFC 9002 §5.3
        rto.onSample(adjusted);
    }

    /** A transmission number for a PING, in the same order as the segments'. */
    long nextTxOrder() {
        return ++txCounter;
    }

    /**
     * The PING sent as transmission {@code pingTx} was answered after {@code rtt}: an RTT sample, proof
     * that the path works, and evidence that segments sent before it and still unacknowledged are lost.
     */
    void onProbeAnswered(long pingTx, long rtt, long now) {
        onRttSample(rtt, 0);
        latestAckedTx = Math.max(latestAckedTx, pingTx);
        onPathAlive();
        detectLosses(now);
    }

    /** Some valid ACK or PONG arrived: segments suspected at the last timeout are now declared lost. */
    void onPathAlive() {
        for (Segment s : inFlight) {
            if (s.suspect) {
                s.suspect = false;
                s.lost = true;
            }
        }
    }

    private void detectLosses(long now) {
        lossDeadline = NONE;
        long delay = lossDelay();
        for (Segment s : inFlight) {
            if (s.sacked || s.lost || s.txOrder >= latestAckedTx) {
                continue;
            }
            if (highestAcked - s.seq() >= Rfc6298.DUP_THRESHOLD || now - s.lastSentAt >= delay) {
                s.lost = true;
                counters.fastRetransmits++;
            } else {
                long due = s.lastSentAt + delay;
                lossDeadline = lossDeadline == NONE ? due : Math.min(lossDeadline, due);
            }
        }
    }

    /** RFC 9002 §6.1.2: 9/8 of the larger of SRTT and the latest RTT, at least the timer granularity. */
    private long lossDelay() {
        long rtt = rto.srtt().map(Duration::toNanos).orElse(config.initialRto().toNanos());
        rtt = Math.max(rtt, latestRtt);
        return Math.max(rtt + (rtt >> 3), Rfc6298.CLOCK_GRANULARITY.toNanos());
    }

    /**
     * Runs the loss timer if due. Then, if the retransmission timer has expired at {@code now}: marks
     * the earliest outstanding segment lost and the other overdue ones suspect, backs off, restarts
     * the timer and returns true (the caller sends probes: a PING and {@link #probeCopy()}).
     */
    boolean onTimer(long now) {
        if (lossDeadline != NONE && now >= lossDeadline) {
            detectLosses(now);
        }
        probeCopy = null;
        if (timerDeadline == NONE || now < timerDeadline) {
            return false;
        }
        counters.timeouts++;
        for (Segment s : inFlight) {
            if (s.outstanding() && probeCopy == null) {
                s.lost = true;
                probeCopy = s.frame;
            } else if (s.outstanding() && s.lastSentAt + rto.rto() <= now) {
                s.suspect = true;
            }
        }
        rto.backoff();
        timerDeadline = now + rto.rto();
        return true;
    }

    /** After {@link #onTimer} returned true: the segment to send a second time with the PING, or null. */
    DataFrame probeCopy() {
        return probeCopy;
    }

    /** The path underneath changed: retry at once with a fresh RTO instead of waiting out a backoff. */
    void onPathChanged(long now) {
        rto.resetBackoff();
        boolean first = true;
        for (Segment s : inFlight) {
            if (s.outstanding() && first) {
                s.lost = true;
                first = false;
            } else if (s.outstanding()) {
                s.suspect = true;
            }
        }
        if (!inFlight.isEmpty()) {
            timerDeadline = now + rto.rto();
        }
    }

    /** The DATA frames to transmit at {@code now}: lost segments first, then new ones the window allows. */
    List<DataFrame> poll(long now) {
        List<DataFrame> out = new ArrayList<>();
        for (Segment s : inFlight) {
            if (s.lost) {
                transmit(s, now, out);
                counters.retransmissions++;
            }
        }
        while (inFlight.size() < config.sendWindow() && !queued.isEmpty()) {
            Segment s = queued.poll();
            inFlight.add(s);
            highestSent = s.seq();
            transmit(s, now, out);
            counters.segmentsSent++;
        }
        if (!out.isEmpty() && timerDeadline == NONE) {
            timerDeadline = now + rto.rto(); // §5.1
        }
        return out;
    }

    private void transmit(Segment s, long now, List<DataFrame> out) {
        s.lost = false;
        s.suspect = false;
        s.lastSentAt = now;
        s.txOrder = ++txCounter;
        s.transmissions++;
        out.add(s.frame);
    }

    /** True when {@link #poll} would send something now. */
    boolean hasWork() {
        if (!queued.isEmpty() && inFlight.size() < config.sendWindow()) {
            return true;
        }
        for (Segment s : inFlight) {
            if (s.lost) {
                return true;
            }
        }
        return false;
    }

    /** The earlier of the retransmission and loss timers, or {@link #NONE}. */
    long timerDeadline() {
        if (lossDeadline == NONE) {
            return timerDeadline;
        }
        return timerDeadline == NONE ? lossDeadline : Math.min(timerDeadline, lossDeadline);
    }

    /** Messages not yet acknowledged in full, in sending order: what to re-send in a new session. */
    /** Segments were sent and not acknowledged yet. */
    boolean awaitingAck() {
        return !inFlight.isEmpty();
    }

    SequencedSet<MessageId> unacknowledged() {
        SequencedSet<MessageId> ids = new LinkedHashSet<>();
        inFlight.forEach(s -> ids.add(s.frame.messageId()));
        queued.forEach(s -> ids.add(s.frame.messageId()));
        return ids;
    }

    RtoEstimator rto() {
        return rto;
    }

    long minRtt() {
        return minRtt;
    }

    int inFlightCount() {
        return inFlight.size();
    }

    int queuedCount() {
        return queued.size();
    }

    SenderCounters counters() {
        return counters;
    }

    /** Monotonic counters, read by {@link StreamStats}. */
    static final class SenderCounters {
        long messagesAccepted;
        long messagesAcknowledged;
        long segmentsSent;
        long retransmissions;
        long fastRetransmits;
        long timeouts;
        long invalidAcks;
    }
}
