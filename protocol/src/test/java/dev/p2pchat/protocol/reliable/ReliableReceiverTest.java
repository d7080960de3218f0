package dev.p2pchat.protocol.reliable;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReliableReceiverTest {
    private static final long MS = 1_000_000;
    private final InMemoryDeliveredIds ids = new InMemoryDeliveredIds();
    private final ReliableReceiver receiver = new ReliableReceiver(StreamConfig.defaults(), ids);

    private static MessageId id(int n) {
        return MessageId.of(new UUID(0, n));
    }

    private static DataFrame data(long seq) {
        return new DataFrame(seq, id((int) seq), true, new byte[] {(byte) seq});
    }

    private List<MessageId> receive(long seq, long now) {
        return receiver.onData(data(seq), now).stream().map(StreamEvent.MessageReceived::id).toList();
    }

    @Test
    void deliversInOrderAndHoldsBackWhatArrivesEarly() {
        assertThat(receive(1, 0)).containsExactly(id(1));
        assertThat(receive(3, 0)).isEmpty();
        assertThat(receive(4, 0)).isEmpty();
        assertThat(receiver.bufferedSegments()).isEqualTo(2);

        assertThat(receive(2, 0)).containsExactly(id(2), id(3), id(4));
        assertThat(receiver.bufferedSegments()).isZero();
    }

    @Test
    void suppressesDuplicatesBySequenceAndAcksThemAtOnce() {
        receive(1, 0);
        receiver.takeAck(0);
        receive(3, 0);
        receiver.takeAck(0);

        assertThat(receive(1, MS)).isEmpty();
        assertThat(receiver.ackDue(MS)).isTrue();
        receiver.takeAck(MS);
        assertThat(receive(3, MS)).isEmpty();
        assertThat(receiver.ackDue(MS)).isTrue();
        assertThat(receiver.counters().duplicateSegments).isEqualTo(2);
    }

    @Test
    void delaysTheAckForOneInOrderSegmentAndSendsItAfterTwo() {
        receive(1, 0);
        assertThat(receiver.ackDue(0)).isFalse();
        assertThat(receiver.ackDeadline()).isEqualTo(25 * MS);
        assertThat(receiver.ackDue(25 * MS)).isTrue();

        receive(2, 10 * MS);
        assertThat(receiver.ackDue(10 * MS)).isTrue();
        AckFrame ack = receiver.takeAck(12 * MS);
        assertThat(ack).isEqualTo(new AckFrame(2, 2_000, List.of())); // held 2 ms since seq 2 arrived
        assertThat(receiver.ackDue(100 * MS)).isFalse();
    }

    @Test
    void acksAtOnceOutOfOrderAndWhenAGapFills() {
        receive(2, 0);
        assertThat(receiver.ackDue(0)).isTrue();
        receiver.takeAck(0);
        receive(1, MS);
        assertThat(receiver.ackDue(MS)).isTrue();
    }

    @Test
    void sackRangesDescribeTheBufferHighestFirst() {
        for (long seq : new long[] {1, 2, 5, 6, 8, 10, 11, 12}) {
            receive(seq, 0);
        }
        assertThat(receiver.takeAck(0)).isEqualTo(new AckFrame(2, 0,
                List.of(new SackRange(10, 12), new SackRange(8, 8), new SackRange(5, 6))));
    }

    @Test
    void atMostSixteenSackRangesTheHighestOnes() {
        for (long seq = 3; seq <= 60; seq += 2) {
            receive(seq, 0);
        }
        AckFrame ack = receiver.takeAck(0);
        assertThat(ack.ranges()).hasSize(16);
        assertThat(ack.ranges().getFirst()).isEqualTo(new SackRange(59, 59));
        assertThat(ack.ranges().getLast()).isEqualTo(new SackRange(29, 29));
    }

    @Test
    void dropsSegmentsBeyondTheReceiveWindow() {
        assertThat(receive(129, 0)).isEmpty();
        assertThat(receive(Long.MAX_VALUE, 0)).isEmpty();
        assertThat(receive(128, 0)).isEmpty();

        assertThat(receiver.counters().outOfWindowSegments).isEqualTo(2);
        assertThat(receiver.bufferedSegments()).isEqualTo(1);
        assertThat(receiver.takeAck(0).largest()).isEqualTo(128);
    }

    @Test
    void aMessageDeliveredInAnEarlierSessionIsAcknowledgedButNotDeliveredAgain() {
        ids.add(id(1));

        assertThat(receive(1, 0)).isEmpty();
        assertThat(receive(2, 0)).containsExactly(id(2));

        assertThat(receiver.takeAck(0).cumulative()).isEqualTo(2);
        assertThat(receiver.counters().duplicateMessages).isEqualTo(1);
        assertThat(ids.contains(id(2))).isTrue();
    }

    @Test
    void joinsFragments() {
        MessageId m = id(7);
        assertThat(receiver.onData(new DataFrame(1, m, false, new byte[] {1, 2}), 0)).isEmpty();
        assertThat(receiver.onData(new DataFrame(2, m, false, new byte[] {3}), 0)).isEmpty();
        var delivered = receiver.onData(new DataFrame(3, m, true, new byte[] {4}), 0);

        assertThat(delivered).containsExactly(new StreamEvent.MessageReceived(m, new byte[] {1, 2, 3, 4}));
    }

    @Test
    void discardsAMessageWhoseFragmentsChangeIdOrExceedTheLimit() {
        ReliableReceiver small = new ReliableReceiver(StreamConfig.defaults().withMaxMessageBytes(3), ids);
        small.onData(new DataFrame(1, id(1), false, new byte[] {1}), 0);
        // A new id before END: the first message is broken; the second one stands on its own.
        assertThat(small.onData(new DataFrame(2, id(2), true, new byte[] {2}), 0))
                .extracting(StreamEvent.MessageReceived::id).containsExactly(id(2));
        small.onData(new DataFrame(3, id(3), false, new byte[] {1, 2}), 0);
        assertThat(small.onData(new DataFrame(4, id(3), true, new byte[] {3, 4}), 0)).isEmpty();
        assertThat(small.onData(new DataFrame(5, id(5), true, new byte[] {5}), 0)).hasSize(1);

        assertThat(small.discardedMessages()).isEqualTo(2);
        assertThat(ids.contains(id(3))).isFalse();
    }

    @Test
    void deliveredIdsForgetsTheOldestBeyondItsCapacity() {
        InMemoryDeliveredIds bounded = new InMemoryDeliveredIds(2);
        bounded.add(id(1));
        bounded.add(id(2));
        bounded.add(id(2));
        bounded.add(id(3));

        assertThat(bounded.size()).isEqualTo(2);
        assertThat(bounded.contains(id(1))).isFalse();
        assertThat(bounded.contains(id(3))).isTrue();
    }
}
