package dev.p2pchat.protocol.reliable;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReliableSenderTest {
    private static final long MS = 1_000_000;
    private static final StreamConfig CONFIG = StreamConfig.defaults().withSendWindow(8).withMaxQueuedSegments(100);

    private static MessageId id(int n) {
        return MessageId.of(new UUID(0, n));
    }

    private static ReliableSender senderWith(int messages) {
        ReliableSender sender = new ReliableSender(CONFIG);
        for (int i = 1; i <= messages; i++) {
            assertThat(sender.offer(id(i), new byte[] {(byte) i})).isEqualTo(SendResult.ACCEPTED);
        }
        return sender;
    }

    private static List<Long> seqs(List<DataFrame> frames) {
        return frames.stream().map(DataFrame::sequence).toList();
    }

    private static AckFrame ack(long cumulative, SackRange... ranges) {
        return new AckFrame(cumulative, 0, List.of(ranges));
    }

    @Test
    void sendsNoMoreThanTheWindowAndSlidesWithCumulativeAcks() {
        ReliableSender sender = senderWith(20);

        assertThat(seqs(sender.poll(0))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(sender.poll(0)).isEmpty();
        assertThat(sender.inFlightCount()).isEqualTo(8);
        assertThat(sender.queuedCount()).isEqualTo(12);

        assertThat(sender.onAck(ack(3), 50 * MS)).containsExactly(id(1), id(2), id(3));
        assertThat(seqs(sender.poll(50 * MS))).containsExactly(9L, 10L, 11L);
        // A SACK does not open the window: those segments are not delivered yet.
        assertThat(sender.onAck(ack(3, new SackRange(5, 11)), 60 * MS)).isEmpty();
        assertThat(sender.poll(60 * MS)).extracting(DataFrame::sequence).containsExactly(4L); // packet threshold
        assertThat(sender.inFlightCount()).isEqualTo(8);
    }

    @Test
    void refusesWhatItCannotHold() {
        ReliableSender sender = new ReliableSender(CONFIG.withMaxQueuedSegments(3).withMaxMessageBytes(5000));

        assertThat(sender.offer(id(1), new byte[5001])).isEqualTo(SendResult.TOO_LARGE);
        assertThat(sender.offer(id(2), new byte[2 * CONFIG.maxFragmentPayload() + 1])).isEqualTo(SendResult.ACCEPTED);
        assertThat(sender.offer(id(3), new byte[1])).isEqualTo(SendResult.QUEUE_FULL);
        assertThat(sender.queuedCount()).isEqualTo(3);
    }

    @Test
    void splitsLargeMessagesAndAcknowledgesThemWhenTheLastFragmentIsDelivered() {
        ReliableSender sender = new ReliableSender(CONFIG);
        int size = CONFIG.maxFragmentPayload();
        sender.offer(id(1), new byte[2 * size + 10]);
        sender.offer(id(2), new byte[0]);

        List<DataFrame> frames = sender.poll(0);
        assertThat(frames).extracting(DataFrame::end).containsExactly(false, false, true, true);
        assertThat(frames).extracting(DataFrame::payloadLength).containsExactly(size, size, 10, 0);
        assertThat(frames).extracting(DataFrame::messageId).containsExactly(id(1), id(1), id(1), id(2));
        assertThat(sender.onAck(ack(2), MS)).isEmpty();
        assertThat(sender.onAck(ack(4), MS)).containsExactly(id(1), id(2));
        assertThat(sender.unacknowledged()).isEmpty();
    }

    @Test
    void firstRtoIsOneSecondThenBacksOffToTheCap() {
        ReliableSender sender = senderWith(3);
        sender.poll(0);
        assertThat(sender.timerDeadline()).isEqualTo(1000 * MS); // RFC 6298 §2.1, §5.1

        assertThat(sender.onTimer(999 * MS)).isFalse();
        long now = 0;
        long[] expectedDeadlines = {3_000, 7_000, 15_000, 25_000, 35_000}; // +2, +4, +8, +10 (cap), +10 s
        for (long deadline : expectedDeadlines) {
            now = sender.timerDeadline();
            assertThat(sender.onTimer(now)).isTrue();
            assertThat(sender.probeCopy().sequence()).isEqualTo(1);
            assertThat(seqs(sender.poll(now))).containsExactly(1L); // only the earliest (§5.4)
            assertThat(sender.timerDeadline()).isEqualTo(deadline * MS);
        }
        assertThat(sender.counters().timeouts).isEqualTo(5);
        assertThat(sender.counters().retransmissions).isEqualTo(5);
    }

    @Test
    void overdueSegmentsGoOutAgainOnceThePathAnswers() {
        ReliableSender sender = senderWith(3);
        sender.poll(0);
        sender.onTimer(1000 * MS);
        assertThat(seqs(sender.poll(1000 * MS))).containsExactly(1L);

        sender.onPathAlive();

        assertThat(seqs(sender.poll(1010 * MS))).containsExactly(2L, 3L);
    }

    @Test
    void ackRestartsTheTimerAndStopsItWhenAllIsAcknowledged() {
        ReliableSender sender = senderWith(3);
        sender.poll(0);
        sender.onAck(ack(1), 100 * MS);
        // First sample 100 ms: RTO = 100 + 4 * 50 = 300 ms, timer restarted from now (§5.3).
        assertThat(sender.timerDeadline()).isEqualTo(400 * MS);
        sender.onAck(ack(3), 150 * MS);
        assertThat(sender.timerDeadline()).isEqualTo(ReliableSender.NONE);
    }

    @Test
    void karnNoSampleFromARetransmittedSegment() {
        ReliableSender sender = senderWith(1);
        sender.poll(0);
        sender.onTimer(1000 * MS);
        sender.poll(1000 * MS);

        sender.onAck(ack(1), 1100 * MS);

        assertThat(sender.rto().srtt()).isEmpty();
        assertThat(sender.rto().rto()).isEqualTo(2000 * MS); // still backed off
    }

    @Test
    void ackDelayIsTakenOutOfTheSampleUnlessItWouldGoBelowMinRtt() {
        ReliableSender sender = senderWith(2);
        sender.poll(0);
        // rtt 100, delay 20: 80 would be below min_rtt (100), so the raw 100 is used (RFC 9002 §5.3).
        sender.onAck(new AckFrame(1, 20_000, List.of()), 100 * MS);
        assertThat(sender.rto().srtt()).contains(Duration.ofMillis(100));

        sender.poll(100 * MS);
        sender.offer(id(9), new byte[1]);
        sender.poll(200 * MS);
        // seq 3 sent at 200 ms, acked at 350 ms with 40 ms delay: 110 ms. SRTT = 7/8 100 + 1/8 110.
        sender.onAck(new AckFrame(3, 40_000, List.of()), 350 * MS);
        assertThat(sender.rto().srtt()).contains(Duration.ofNanos(101_250_000));
    }

    @Test
    void packetThresholdDeclaresHolesLost() {
        ReliableSender sender = senderWith(6);
        sender.poll(0);

        sender.onAck(ack(0, new SackRange(4, 6)), 100 * MS);

        // 1, 2, 3 each have three higher sequence numbers acknowledged.
        assertThat(seqs(sender.poll(100 * MS))).containsExactly(1L, 2L, 3L);
        assertThat(sender.counters().fastRetransmits).isEqualTo(3);
        // The same evidence does not declare the retransmissions lost again.
        sender.onAck(ack(0, new SackRange(4, 6)), 110 * MS);
        assertThat(sender.poll(110 * MS)).isEmpty();
    }

    @Test
    void timeThresholdRepairsAHoleNearTheTail() {
        ReliableSender sender = senderWith(2);
        sender.poll(0);

        sender.onAck(ack(0, new SackRange(2, 2)), 100 * MS);
        assertThat(sender.poll(100 * MS)).isEmpty(); // one higher seq only: not yet
        // SRTT 100 ms: the loss delay is 9/8 * 100 = 112.5 ms after seq 1 was sent.
        assertThat(sender.timerDeadline()).isEqualTo(112_500_000);
        sender.onTimer(112_500_000);

        assertThat(seqs(sender.poll(112_500_000))).containsExactly(1L);
        assertThat(sender.counters().timeouts).isZero();
    }

    @Test
    void ackForUnsentSequenceNumbersIsIgnored() {
        ReliableSender sender = senderWith(3);
        sender.poll(0);

        assertThat(sender.onAck(ack(4), MS)).isNull();
        assertThat(sender.onAck(ack(0, new SackRange(2, Long.MAX_VALUE)), MS)).isNull();

        assertThat(sender.counters().invalidAcks).isEqualTo(2);
        assertThat(sender.inFlightCount()).isEqualTo(3);
    }

    @Test
    void pathChangeRetriesAtOnceWithoutBackoff() {
        ReliableSender sender = senderWith(2);
        sender.poll(0);
        sender.onTimer(1000 * MS);
        sender.poll(1000 * MS);
        assertThat(sender.rto().rto()).isEqualTo(2000 * MS);

        sender.onPathChanged(1500 * MS);

        assertThat(sender.rto().rto()).isEqualTo(1000 * MS);
        assertThat(seqs(sender.poll(1500 * MS))).containsExactly(1L);
        sender.onPathAlive();
        assertThat(seqs(sender.poll(1600 * MS))).containsExactly(2L);
    }

    @Test
    void probeAnswerIsASampleAndLossEvidence() {
        ReliableSender sender = senderWith(1);
        sender.poll(0);
        long pingTx = sender.nextTxOrder();

        sender.onProbeAnswered(pingTx, 80 * MS, 80 * MS);

        assertThat(sender.rto().srtt()).contains(Duration.ofMillis(80));
        // seq 1 went out before the PING, which came back: lost once 9/8 * 80 = 90 ms have passed.
        assertThat(sender.timerDeadline()).isEqualTo(90 * MS);
        sender.onTimer(90 * MS);
        assertThat(seqs(sender.poll(90 * MS))).containsExactly(1L);
    }
}
