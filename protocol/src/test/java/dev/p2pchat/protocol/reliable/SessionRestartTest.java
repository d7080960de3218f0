package dev.p2pchat.protocol.reliable;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once across sessions: sequence numbers restart with every session, so the receiver's
 * {@link DeliveredIds} is what stops a message re-sent from the outbox from being shown twice.
 */
class SessionRestartTest {
    private static final Duration LATENCY = Duration.ofMillis(20);

    @Test
    void messagesResentAfterLostAcksAndASenderRestartAreAcknowledgedNotRedelivered() {
        InMemoryDeliveredIds bobRemembers = new InMemoryDeliveredIds();
        Traffic outbox = new Traffic("alice", 150, 5);

        // Session 1: every ACK from Bob is lost, so Alice's window (64 segments) never slides; then
        // the session dies (Alice's process restarts).
        SimulatedChannel first = new SimulatedChannel(stream(new InMemoryDeliveredIds()), stream(bobRemembers),
                LinkParams.perfect(LATENCY), new LinkParams(1.0, 0, 0, LATENCY, Duration.ZERO), 1);
        outbox.sendAll(first.a.stream);
        first.flush(first.a);
        first.runFor(Duration.ofSeconds(5));
        int shownInSession1 = first.b.received.size();
        assertThat(shownInSession1).isBetween(50, 64);
        assertThat(first.b.received).extracting(StreamEvent.MessageReceived::id)
                .containsExactlyElementsOf(outbox.ids.subList(0, shownInSession1));
        assertThat(first.a.acknowledged).isEmpty();
        assertThat(first.a.stream.unacknowledged()).containsExactlyElementsOf(outbox.ids);

        // Session 2: new streams, sequence numbers from 1 again, a lossy path; Alice re-sends her
        // whole outbox, since none of it was acknowledged.
        SimulatedChannel second = new SimulatedChannel(stream(new InMemoryDeliveredIds()), stream(bobRemembers),
                LinkParams.lossy(0.2), LinkParams.lossy(0.2), 2);
        outbox.sendAll(second.a.stream);
        second.flush(second.a);
        assertThat(second.runUntil(() -> second.a.acknowledged.size() == 150, Duration.ofMinutes(5))).isTrue();

        assertThat(second.a.acknowledged).containsExactlyElementsOf(outbox.ids);
        List<MessageId> shownInSession2 = second.b.received.stream().map(StreamEvent.MessageReceived::id).toList();
        assertThat(shownInSession2).containsExactlyElementsOf(outbox.ids.subList(shownInSession1, 150));
        assertThat(second.b.stream.stats().duplicateMessages()).isEqualTo(shownInSession1);
    }

    @Test
    void theSameIdSentTwiceInOneSessionIsDeliveredOnceAndAcknowledgedTwice() {
        InMemoryDeliveredIds ids = new InMemoryDeliveredIds();
        SimulatedChannel channel = new SimulatedChannel(stream(new InMemoryDeliveredIds()), stream(ids),
                LinkParams.perfect(LATENCY), LinkParams.perfect(LATENCY), 3);
        Traffic one = new Traffic("alice", 1, 9);
        one.sendAll(channel.a.stream);
        one.sendAll(channel.a.stream); // the client re-sends the same message: same id, new sequence number
        channel.flush(channel.a);

        assertThat(channel.runUntil(() -> channel.a.acknowledged.size() == 2, Duration.ofSeconds(5))).isTrue();

        assertThat(channel.b.received).hasSize(1);
        assertThat(channel.a.acknowledged).containsExactly(one.ids.getFirst(), one.ids.getFirst());
    }

    private static ReliableStream stream(DeliveredIds ids) {
        return new ReliableStream(StreamConfig.defaults(), ids);
    }
}
