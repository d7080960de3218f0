package dev.p2pchat.protocol.reliable;

import java.time.Duration;
import java.util.Optional;

/**
 * A snapshot of a stream's counters and timers, for the status line and tests.
 *
 * @param retransmissions      segments sent again, for any reason (fast retransmits included)
 * @param fastRetransmits      segments declared lost from SACK evidence rather than a timeout
 * @param timeouts             expiries of the retransmission timer
 * @param duplicateSegments    segments received again within this session (suppressed by sequence number)
 * @param duplicateMessages    whole messages suppressed because {@link DeliveredIds} knew their id
 * @param outOfWindowSegments  segments too far ahead of the receive window, dropped
 * @param discardedMessages    messages the peer sent broken (over the size limit, or fragments mixed)
 * @param malformedPackets     packets that did not decode, dropped whole
 * @param invalidAcks          ACKs claiming sequence numbers never sent, ignored
 * @param srtt                 smoothed RTT, once measured
 */
public record StreamStats(
        long messagesAccepted, long messagesAcknowledged, long segmentsSent, long retransmissions,
        long fastRetransmits, long timeouts, long invalidAcks,
        long messagesDelivered, long segmentsReceived, long duplicateSegments, long duplicateMessages,
        long outOfOrderSegments, long outOfWindowSegments, long discardedMessages, long acksSent,
        long packetsSent, long packetsReceived, long malformedPackets,
        int inFlight, int queued, int bufferedSegments,
        Duration rto, Optional<Duration> srtt, Duration rttvar, Optional<Duration> minRtt) {
}
