package dev.p2pchat.protocol.reliable;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/** Test messages: ids from a seeded RNG, text payloads of mixed sizes, some spanning several fragments. */
final class Traffic {
    final List<MessageId> ids = new ArrayList<>();
    final List<byte[]> payloads = new ArrayList<>();

    Traffic(String from, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            ids.add(MessageId.of(new UUID(random.nextLong(), random.nextLong())));
            int extra = i % 97 == 0 ? 2500 + random.nextInt(2000) : random.nextInt(200);
            String text = "{\"from\":\"" + from + "\",\"n\":" + i + ",\"text\":\"" + "x".repeat(extra) + "\"}";
            payloads.add(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Offers every message to {@code stream}; all must be accepted. */
    void sendAll(ReliableStream stream) {
        for (int i = 0; i < ids.size(); i++) {
            assertThat(stream.send(ids.get(i), payloads.get(i))).isEqualTo(SendResult.ACCEPTED);
        }
    }

    /** Every message arrived once, in order, intact; every one was acknowledged once, in order. */
    void assertExactlyOnceInOrder(SimulatedChannel.Peer sender, SimulatedChannel.Peer receiver) {
        List<MessageId> received = receiver.received.stream().map(StreamEvent.MessageReceived::id).toList();
        assertThat(received).as("delivered to %s", receiver.name).containsExactlyElementsOf(ids);
        for (int i = 0; i < ids.size(); i++) {
            assertThat(receiver.received.get(i).payload()).isEqualTo(payloads.get(i));
        }
        assertThat(sender.acknowledged).as("acknowledged to %s", sender.name).containsExactlyElementsOf(ids);
    }

    boolean complete(SimulatedChannel.Peer sender, SimulatedChannel.Peer receiver) {
        return receiver.received.size() >= ids.size() && sender.acknowledged.size() >= ids.size();
    }
}
