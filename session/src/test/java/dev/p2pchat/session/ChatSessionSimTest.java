package dev.p2pchat.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.protocol.reliable.MessageId;
import dev.p2pchat.traversal.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Two {@link ChatSession}s over real traversal paths on the simulated internet, in virtual time. */
class ChatSessionSimTest {

    static List<MessageId> sendAll(ChatSession session, String prefix, int count) {
        List<MessageId> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            MessageId id = MessageId.of(UUID.randomUUID());
            ids.add(id);
            session.send(id, (prefix + i).getBytes(StandardCharsets.UTF_8));
        }
        return ids;
    }

    static List<String> texts(String prefix, int count) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            texts.add(prefix + i);
        }
        return texts;
    }

    @Test
    void aThousandMessagesEachWayAtTwentyPercentLossArriveExactlyOnceInOrder() {
        SimPair pair = new SimPair(11);
        List<Path> paths = pair.connect();
        Recorder atAlice = new Recorder();
        Recorder atBob = new Recorder();
        ChatSession alice = pair.openAlice(SessionConfig.defaults(), paths.get(0), pair.bobKey.publicKey(), atAlice);
        ChatSession bob = pair.openBob(SessionConfig.defaults(), paths.get(1), pair.aliceKey.publicKey(), atBob);
        assertThat(pair.runUntil(() -> atAlice.established && atBob.established, Duration.ofSeconds(10))).isTrue();

        pair.degrade(0.2);
        pair.aliceWire.inbound = d -> pair.net.random().nextDouble() < 0.05 ? List.of(d, d) : List.of(d);
        pair.bobWire.inbound = d -> pair.net.random().nextDouble() < 0.05 ? List.of(d, d) : List.of(d);
        List<MessageId> fromAlice = sendAll(alice, "a", 1000);
        List<MessageId> fromBob = sendAll(bob, "b", 1000);

        assertThat(pair.runUntil(() -> atAlice.delivered.size() == 1000 && atBob.delivered.size() == 1000,
                Duration.ofMinutes(5))).isTrue();
        assertThat(atBob.messages).containsExactlyElementsOf(texts("a", 1000));
        assertThat(atAlice.messages).containsExactlyElementsOf(texts("b", 1000));
        assertThat(atBob.received).containsExactlyElementsOf(fromAlice);
        assertThat(atAlice.delivered).containsExactlyInAnyOrderElementsOf(fromAlice);
        assertThat(atBob.delivered).containsExactlyInAnyOrderElementsOf(fromBob);
        SessionStatus status = alice.status();
        assertThat(status.state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(status.pathKind()).isEqualTo(PathKind.DIRECT);
        assertThat(status.remote().getAddress().getHostAddress()).isEqualTo("198.18.2.1");
        assertThat(status.srtt()).hasValueSatisfying(srtt -> assertThat(srtt).isGreaterThan(Duration.ofMillis(80)));
        assertThat(status.stream().retransmissions()).isPositive();
        assertThat(status.counters().streamResets()).isZero();
        assertThat(atAlice.closed).isNull();
    }
}
