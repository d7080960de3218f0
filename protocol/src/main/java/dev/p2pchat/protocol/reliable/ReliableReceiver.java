package dev.p2pchat.protocol.reliable;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The receiving half: delivers messages in order and exactly once, buffers what arrives early (at most
 * {@code receiveWindow} segments), and decides when to acknowledge.
 *
 * <p>ACK policy (RFC 5681 §4.2, RFC 9000 §13.2.1): at once for a segment out of order, a duplicate,
 * or one that fills a gap, since each tells the sender something it needs to repair loss; otherwise
 * after every {@code ackEvery} in-order segments or {@code maxAckDelay} after the first one not yet
 * acknowledged. Segments further ahead than the window are dropped unacknowledged, so a hostile peer
 * cannot make the buffer grow.
 */
final class ReliableReceiver {
    private final StreamConfig config;
    private final DeliveredIds deliveredIds;
    private final TreeMap<Long, DataFrame> early = new TreeMap<>();
    private final Reassembly reassembly;
    private final ReceiverCounters counters = new ReceiverCounters();
    private long nextExpected = 1;
    private long largestReceived;
    private long largestReceivedAt;
    private boolean ackNow;
    private long ackDeadline = ReliableSender.NONE;
    private int unackedInOrder;

    ReliableReceiver(StreamConfig config, DeliveredIds deliveredIds) {
        this.config = config;
        this.deliveredIds = deliveredIds;
        this.reassembly = new Reassembly(config.maxMessageBytes());
    }

    /** Takes one DATA frame; returns the messages it completes, in order. */
    List<StreamEvent.MessageReceived> onData(DataFrame frame, long now) {
        long seq = frame.sequence();
        if (seq < nextExpected || early.containsKey(seq)) {
            counters.duplicateSegments++;
            ackNow = true; // our ACK was probably lost: repeat it
            return List.of();
        }
        if (seq - nextExpected >= config.receiveWindow()) {
            counters.outOfWindowSegments++;
            return List.of();
        }
        counters.segmentsReceived++;
        if (seq > largestReceived) {
            largestReceived = seq;
            largestReceivedAt = now;
        }
        if (seq > nextExpected) {
            early.put(seq, frame);
            counters.outOfOrderSegments++;
            ackNow = true;
            return List.of();
        }
        boolean fillsGap = !early.isEmpty();
        List<StreamEvent.MessageReceived> delivered = new ArrayList<>();
        consume(frame, delivered);
        for (DataFrame next; (next = early.remove(nextExpected)) != null; ) {
            consume(next, delivered);
        }
        scheduleAck(fillsGap, now);
        return delivered;
    }

    private void consume(DataFrame frame, List<StreamEvent.MessageReceived> delivered) {
        nextExpected++;
        byte[] message = reassembly.append(frame);
        if (message == null) {
            return;
        }
        MessageId id = frame.messageId();
        if (deliveredIds.contains(id)) {
            counters.duplicateMessages++; // delivered in an earlier session: acknowledge, don't deliver
            return;
        }
        deliveredIds.add(id);
        counters.messagesDelivered++;
        delivered.add(new StreamEvent.MessageReceived(id, message));
    }

    private void scheduleAck(boolean fillsGap, long now) {
        unackedInOrder++;
        if (fillsGap || unackedInOrder >= config.ackEvery()) {
            ackNow = true;
        } else if (ackDeadline == ReliableSender.NONE) {
            ackDeadline = now + config.maxAckDelay().toNanos();
        }
    }

    boolean hasReceived() {
        return largestReceived > 0;
    }

    boolean ackDue(long now) {
        return ackNow || (ackDeadline != ReliableSender.NONE && now >= ackDeadline);
    }

    boolean ackImmediately() {
        return ackNow;
    }

    /** Deadline of a delayed ACK, or {@link ReliableSender#NONE}. */
    long ackDeadline() {
        return ackDeadline;
    }

    /** Builds the current ACK and clears the pending-ACK state. Call only when {@link #hasReceived()}. */
    AckFrame takeAck(long now) {
        List<SackRange> ranges = new ArrayList<>();
        long first = -1;
        long last = -1;
        for (long seq : early.descendingKeySet()) {
            if (seq == first - 1) {
                first = seq;
                continue;
            }
            if (last >= 0 && !addRange(ranges, first, last)) {
                break;
            }
            first = seq;
            last = seq;
        }
        if (last >= 0) {
            addRange(ranges, first, last);
        }
        long delayMicros = Math.min((now - largestReceivedAt) / 1_000, StreamWire.MAX_ACK_DELAY_MICROS);
        ackNow = false;
        ackDeadline = ReliableSender.NONE;
        unackedInOrder = 0;
        counters.acksSent++;
        return new AckFrame(nextExpected - 1, Math.max(0, delayMicros), ranges);
    }

    private static boolean addRange(List<SackRange> ranges, long first, long last) {
        if (ranges.size() == StreamWire.MAX_SACK_RANGES) {
            return false; // the highest ranges go first; lower ones are reported once these are delivered
        }
        ranges.add(new SackRange(first, last));
        return true;
    }

    int bufferedSegments() {
        return early.size();
    }

    int reassemblyBytes() {
        return reassembly.bufferedBytes();
    }

    long discardedMessages() {
        return reassembly.discardedMessages();
    }

    ReceiverCounters counters() {
        return counters;
    }

    /** Monotonic counters, read by {@link StreamStats}. */
    static final class ReceiverCounters {
        long segmentsReceived;
        long messagesDelivered;
        long duplicateSegments;
        long duplicateMessages;
        long outOfOrderSegments;
        long outOfWindowSegments;
        long acksSent;
    }
}
