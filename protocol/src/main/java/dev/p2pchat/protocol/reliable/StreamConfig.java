package dev.p2pchat.protocol.reliable;

import java.time.Duration;

/**
 * Tunables of a {@link ReliableStream}. Both ends should use the same values; {@link #defaults()}
 * explains each choice.
 *
 * @param sendWindow        most segments in flight (sent, not yet cumulatively acknowledged)
 * @param receiveWindow     most segments the receiver buffers out of order; segments further ahead
 *                          than this are dropped unacknowledged. Must be at least the peer's send window
 * @param maxQueuedSegments most segments waiting behind the send window; {@code send} refuses beyond
 * @param maxPacketBytes    plaintext budget of one packet
 * @param maxMessageBytes   largest message payload; larger ones are refused by the sender and discarded
 *                          by the receiver
 * @param maxAckDelay       longest an ACK for in-order data is held back
 * @param ackEvery          an ACK goes out at once after this many unacknowledged in-order segments
 * @param initialRto        RTO before the first RTT sample
 * @param minRto            floor of the RTO
 * @param maxRto            cap of the RTO under backoff
 */
public record StreamConfig(int sendWindow, int receiveWindow, int maxQueuedSegments, int maxPacketBytes,
                           int maxMessageBytes, Duration maxAckDelay, int ackEvery,
                           Duration initialRto, Duration minRto, Duration maxRto) {

    public StreamConfig {
        require(sendWindow >= 1, "sendWindow >= 1");
        require(receiveWindow >= 1, "receiveWindow >= 1");
        require(maxQueuedSegments >= 1, "maxQueuedSegments >= 1");
        // A packet must hold a full ACK, or a DATA frame with at least one payload byte.
        require(maxPacketBytes >= StreamWire.MAX_ACK_BYTES && maxPacketBytes <= StreamWire.MAX_PACKET_BYTES,
                "maxPacketBytes in [" + StreamWire.MAX_ACK_BYTES + ", " + StreamWire.MAX_PACKET_BYTES + "]");
        require(maxMessageBytes >= 1, "maxMessageBytes >= 1");
        require(!maxAckDelay.isNegative(), "maxAckDelay >= 0");
        require(ackEvery >= 1, "ackEvery >= 1");
        require(minRto.isPositive() && minRto.compareTo(maxRto) <= 0, "0 < minRto <= maxRto");
        require(initialRto.isPositive(), "initialRto > 0");
    }

    /**
     * <ul>
     * <li>send window 64, receive window 128: a chat burst (a pasted file, a reconnect draining the
     *     outbox) goes out in one round trip; the receiver buffers twice the peer's window so that a
     *     peer with a larger setting loses throughput, not correctness.</li>
     * <li>1100-byte packets: with Noise (~32 bytes), a TURN ChannelData header (4) and IPv6 + UDP (48),
     *     a packet stays under 1280 bytes, the IPv6 minimum MTU, so it never needs IP fragmentation.</li>
     * <li>messages up to 64 KiB, split into fragments of one packet each.</li>
     * <li>delayed ACK: every 2nd segment (RFC 5681 §4.2) or after 25 ms (RFC 9000 §18.2's
     *     max_ack_delay): short enough to keep a chat's single messages snappy, and the delay is
     *     reported in the ACK so it does not inflate the RTT estimate.</li>
     * <li>RTO: 1 s initial (RFC 6298 §2.1); floor 200 ms instead of the RFC's 1 s (§2.4), as Linux
     *     TCP does: the RFC's floor protects against delayed ACKs of up to 500 ms and coarse clocks,
     *     while ours delay at most 25 ms, report it, and run on a nanosecond clock; a spurious
     *     retransmission costs one duplicate that the receiver suppresses. Cap 10 s instead of the
     *     RFC's "at least 60 s" (§2.5): chat traffic is a trickle, one probe per 10 s on a dead path
     *     is negligible, and a user should not wait a minute after the network comes back.</li>
     * </ul>
     */
    public static StreamConfig defaults() {
        return new StreamConfig(64, 128, 4096, 1100, 64 * 1024, Duration.ofMillis(25), 2,
                Rfc6298.INITIAL_RTO, Duration.ofMillis(200), Duration.ofSeconds(10));
    }

    /** Payload bytes of one full fragment: what is left of a packet after the DATA header. */
    public int maxFragmentPayload() {
        return maxPacketBytes - StreamWire.DATA_HEADER_BYTES;
    }

    public StreamConfig withSendWindow(int window) {
        return new StreamConfig(window, receiveWindow, maxQueuedSegments, maxPacketBytes, maxMessageBytes,
                maxAckDelay, ackEvery, initialRto, minRto, maxRto);
    }

    public StreamConfig withReceiveWindow(int window) {
        return new StreamConfig(sendWindow, window, maxQueuedSegments, maxPacketBytes, maxMessageBytes,
                maxAckDelay, ackEvery, initialRto, minRto, maxRto);
    }

    public StreamConfig withMaxQueuedSegments(int max) {
        return new StreamConfig(sendWindow, receiveWindow, max, maxPacketBytes, maxMessageBytes,
                maxAckDelay, ackEvery, initialRto, minRto, maxRto);
    }

    public StreamConfig withMaxPacketBytes(int max) {
        return new StreamConfig(sendWindow, receiveWindow, maxQueuedSegments, max, maxMessageBytes,
                maxAckDelay, ackEvery, initialRto, minRto, maxRto);
    }

    public StreamConfig withMaxMessageBytes(int max) {
        return new StreamConfig(sendWindow, receiveWindow, maxQueuedSegments, maxPacketBytes, max,
                maxAckDelay, ackEvery, initialRto, minRto, maxRto);
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalArgumentException("StreamConfig: " + what);
        }
    }
}
