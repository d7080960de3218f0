package dev.p2pchat.protocol.reliable;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Exactly-once, in-order delivery holds for any channel within these bounds, and any seed. */
class ChannelPropertyTest {

    @Property(tries = 40, seed = "20260101")
    void everyMessageArrivesOnceInOrderAndIsAcknowledged(
            @ForAll @DoubleRange(min = 0, max = 0.5) double loss,
            @ForAll @DoubleRange(min = 0, max = 0.2) double duplicate,
            @ForAll @DoubleRange(min = 0, max = 0.2) double reorder,
            @ForAll @IntRange(min = 0, max = 200) int latencyMs,
            @ForAll @IntRange(min = 0, max = 100) int jitterMs,
            @ForAll @IntRange(min = 1, max = 64) int window,
            @ForAll @IntRange(min = 1, max = 150) int messages,
            @ForAll long seed) {
        LinkParams link = new LinkParams(loss, duplicate, reorder, Duration.ofMillis(latencyMs), Duration.ofMillis(jitterMs));
        StreamConfig config = StreamConfig.defaults().withSendWindow(window);
        SimulatedChannel channel = new SimulatedChannel(new ReliableStream(config, new InMemoryDeliveredIds()),
                new ReliableStream(config, new InMemoryDeliveredIds()), link, link, seed);
        Traffic fromA = new Traffic("alice", messages, seed);
        Traffic fromB = new Traffic("bob", messages, ~seed);
        fromA.sendAll(channel.a.stream);
        fromB.sendAll(channel.b.stream);
        channel.flush(channel.a);
        channel.flush(channel.b);

        boolean done = channel.runUntil(() -> fromA.complete(channel.a, channel.b) && fromB.complete(channel.b, channel.a),
                Duration.ofHours(2));

        assertThat(done).as("%s, window %d: finished within 2 h simulated", link, window).isTrue();
        fromA.assertExactlyOnceInOrder(channel.a, channel.b);
        fromB.assertExactlyOnceInOrder(channel.b, channel.a);
        // Nothing further arrives late: run on and check that no message is delivered again.
        channel.runFor(Duration.ofMinutes(1));
        assertThat(channel.b.received).hasSize(messages);
        assertThat(channel.a.received).hasSize(messages);
        assertThat(channel.a.acknowledged).hasSize(messages);
    }
}
