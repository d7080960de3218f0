package dev.p2pchat.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.protocol.frame.FrameType;
import dev.p2pchat.protocol.noise.RekeyPolicy;
import dev.p2pchat.protocol.noise.SessionTimers;
import dev.p2pchat.protocol.reliable.MessageId;
import dev.p2pchat.traversal.Path;
import dev.p2pchat.traversal.nat.FilteringBehavior;
import dev.p2pchat.traversal.net.Datagram;
import dev.p2pchat.traversal.nat.MappingBehavior;
import dev.p2pchat.traversal.sim.LinkProfile;
import dev.p2pchat.traversal.sim.NatBehavior;
import dev.p2pchat.traversal.sim.PortAllocation;
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

    @Test
    void rekeyingEveryThreeSecondsKeepsTheStreamWithoutLoss() {
        SimPair pair = new SimPair(12);
        List<Path> paths = pair.connect();
        SessionConfig fast = SessionConfig.defaults().withRekey(new RekeyPolicy(SessionTimers.REKEY_AFTER_MESSAGES,
                SessionTimers.REJECT_AFTER_MESSAGES, Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofSeconds(20)));
        Recorder atAlice = new Recorder();
        Recorder atBob = new Recorder();
        ChatSession alice = pair.openAlice(fast, paths.get(0), pair.bobKey.publicKey(), atAlice);
        ChatSession bob = pair.openBob(fast, paths.get(1), pair.aliceKey.publicKey(), atBob);
        pair.degrade(0.1);
        for (int i = 0; i < 300; i++) {
            String n = Integer.toString(i);
            pair.loop().schedule(Duration.ofMillis(50L * i), () -> {
                alice.send(MessageId.of(UUID.randomUUID()), ("a" + n).getBytes(StandardCharsets.UTF_8));
                bob.send(MessageId.of(UUID.randomUUID()), ("b" + n).getBytes(StandardCharsets.UTF_8));
            });
        }

        assertThat(pair.runUntil(() -> atAlice.delivered.size() == 300 && atBob.delivered.size() == 300,
                Duration.ofMinutes(2))).isTrue();
        assertThat(atBob.messages).containsExactlyElementsOf(texts("a", 300));
        assertThat(atAlice.messages).containsExactlyElementsOf(texts("b", 300));
        SessionCounters counters = alice.status().counters();
        assertThat(counters.handshakes()).as("15 s of traffic, a rekey every 3 s").isGreaterThanOrEqualTo(4);
        assertThat(counters.streamResets()).isZero();
        assertThat(bob.status().counters().streamResets()).isZero();
        assertThat(atAlice.states).containsExactly(SessionState.ESTABLISHED);
    }

    @Test
    void aRestartedPeerGetsTheUnacknowledgedMessagesOnceOnItsNewEpoch() {
        SimPair pair = new SimPair(13);
        List<Path> paths = pair.connect();
        Recorder atAlice = new Recorder();
        Recorder atBobBefore = new Recorder();
        ChatSession alice = pair.openAlice(SessionConfig.defaults(), paths.get(0), pair.bobKey.publicKey(), atAlice);
        ChatSession bobBefore = pair.openBob(SessionConfig.defaults(), paths.get(1), pair.aliceKey.publicKey(),
                atBobBefore);
        assertThat(pair.runUntil(() -> atAlice.established, Duration.ofSeconds(10))).isTrue();
        // Bob's ACKs never reach Alice, and Bob stops hearing anything after 20 messages; then he crashes.
        List<Datagram> lostAtAlice = new ArrayList<>();
        pair.aliceWire.inbound = d -> {
            lostAtAlice.add(d);
            return List.of();
        };
        pair.bobWire.inbound = d -> atBobBefore.received.size() >= 20 ? List.of() : List.of(d);
        List<MessageId> ids = sendAll(alice, "m", 200);
        assertThat(pair.runUntil(() -> atBobBefore.received.size() >= 20, Duration.ofSeconds(10))).isTrue();
        bobBefore.close();
        assertThat(pair.runUntil(() -> atAlice.states.contains(SessionState.WAITING_FOR_PATH), Duration.ofMinutes(1)))
                .isTrue();
        assertThat(atAlice.pathLosses).as("the traversal layer's reason reaches the listener")
                .singleElement().asString().startsWith("lost: ");
        pair.aliceWire.inbound = List::of;
        pair.bobWire.inbound = List::of;
        List<Path> again = pair.connect();
        alice.attachPath(again.get(0));
        Recorder atBobAfter = new Recorder();
        pair.openBob(SessionConfig.defaults(), again.get(1), pair.aliceKey.publicKey(), atBobAfter);

        assertThat(pair.runUntil(() -> alice.status().counters().streamResets() == 1, Duration.ofSeconds(10))).isTrue();
        // One of Bob's old packets (an ACK of his old stream) arrives late: it must not acknowledge anything new.
        Datagram late = lostAtAlice.reversed().stream().filter(d -> d.firstByte() == FrameType.TRANSPORT).findFirst()
                .orElseThrow();
        pair.aliceWire.inbound = d -> d.firstByte() == FrameType.TRANSPORT && late != null
                && alice.status().counters().dropped(DropKind.STALE_STREAM) == 0 ? List.of(late, d) : List.of(d);
        assertThat(pair.runUntil(() -> atAlice.delivered.size() == 200, Duration.ofMinutes(1))).isTrue();
        assertThat(alice.status().counters().dropped(DropKind.STALE_STREAM)).isEqualTo(1);
        List<String> shown = new ArrayList<>(atBobBefore.messages);
        shown.addAll(atBobAfter.messages);
        assertThat(shown).as("each message shown once, in order, across the restart").containsExactlyElementsOf(texts("m", 200));
        assertThat(atBobBefore.messages).hasSizeLessThan(200);
        assertThat(atBobAfter.messages).isNotEmpty();
        assertThat(pair.bobDelivered.size()).isEqualTo(200);
        assertThat(atAlice.delivered).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(alice.status().counters().streamResets()).isEqualTo(1);
        assertThat(alice.status().state()).isEqualTo(SessionState.ESTABLISHED);
    }

    @Test
    void messagesQueueWhileThePathIsLostAndFlowOnANewOne() {
        SimPair pair = new SimPair(14);
        List<Path> paths = pair.connect();
        Recorder atAlice = new Recorder();
        Recorder atBob = new Recorder();
        ChatSession alice = pair.openAlice(SessionConfig.defaults(), paths.get(0), pair.bobKey.publicKey(), atAlice);
        ChatSession bob = pair.openBob(SessionConfig.defaults(), paths.get(1), pair.aliceKey.publicKey(), atBob);
        assertThat(pair.runUntil(() -> atAlice.established && atBob.established, Duration.ofSeconds(10))).isTrue();

        pair.degrade(1.0);
        sendAll(alice, "q", 20);
        assertThat(pair.runUntil(() -> alice.status().state() == SessionState.WAITING_FOR_PATH
                && bob.status().state() == SessionState.WAITING_FOR_PATH, Duration.ofMinutes(1))).isTrue();
        assertThat(atBob.messages).isEmpty();
        pair.net.setInternetLink(LinkProfile.of(Duration.ofMillis(20)));
        List<Path> again = pair.connect();
        alice.attachPath(again.get(0));
        bob.attachPath(again.get(1)); // both handshake at once: Noise's tie-break keeps one

        assertThat(pair.runUntil(() -> atAlice.delivered.size() == 20, Duration.ofSeconds(30))).isTrue();
        assertThat(atBob.messages).containsExactlyElementsOf(texts("q", 20));
        assertThat(atAlice.states).containsExactly(SessionState.ESTABLISHED, SessionState.WAITING_FOR_PATH,
                SessionState.ESTABLISHED);
        assertThat(atBob.pathChanges).hasSize(1);
        assertThat(alice.status().counters().streamResets()).isZero();
        assertThat(paths.get(0).isAlive()).isFalse();
    }

    @Test
    void aNatRebindingMovesThePathWithoutLosingTheSession() {
        SimPair pair = SimPair.aliceBehind(15, NatBehavior.of(MappingBehavior.ENDPOINT_INDEPENDENT,
                FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT).withAllocation(PortAllocation.RANDOM));
        List<Path> paths = pair.connect();
        Recorder atAlice = new Recorder();
        Recorder atBob = new Recorder();
        ChatSession alice = pair.openAlice(SessionConfig.defaults(), paths.get(0), pair.bobKey.publicKey(), atAlice);
        ChatSession bob = pair.openBob(SessionConfig.defaults(), paths.get(1), pair.aliceKey.publicKey(), atBob);
        sendAll(alice, "before", 5);
        assertThat(pair.runUntil(() -> atBob.messages.size() == 5, Duration.ofSeconds(10))).isTrue();
        var before = bob.status().remote();

        pair.aliceLan.nat().flush(); // the NAT forgets its mappings: Alice's next datagrams leave from a new port
        sendAll(alice, "after", 5);
        sendAll(bob, "reply", 5);

        assertThat(pair.runUntil(() -> atAlice.delivered.size() == 10 && atBob.delivered.size() == 5,
                Duration.ofMinutes(1))).isTrue();
        assertThat(atBob.pathChanges).hasSize(1);
        assertThat(bob.status().remote()).isNotEqualTo(before);
        assertThat(atBob.messages).containsExactly("before0", "before1", "before2", "before3", "before4",
                "after0", "after1", "after2", "after3", "after4");
        assertThat(atAlice.messages).containsExactlyElementsOf(texts("reply", 5));
        assertThat(bob.status().state()).isEqualTo(SessionState.ESTABLISHED);
    }

    @Test
    void bothSidesInitiatingAtOnceEndOnOneSession() {
        SimPair pair = new SimPair(16);
        List<Path> paths = pair.connect();
        Recorder atAlice = new Recorder();
        Recorder atBob = new Recorder();
        ChatSession alice = pair.open(true, SessionRole.INITIATOR, SessionConfig.defaults(), paths.get(0),
                pair.bobKey.publicKey(), atAlice);
        ChatSession bob = pair.open(false, SessionRole.INITIATOR, SessionConfig.defaults(), paths.get(1),
                pair.aliceKey.publicKey(), atBob);
        sendAll(alice, "a", 10);
        sendAll(bob, "b", 10);

        assertThat(pair.runUntil(() -> atAlice.delivered.size() == 10 && atBob.delivered.size() == 10,
                Duration.ofSeconds(20))).isTrue();
        assertThat(atBob.messages).containsExactlyElementsOf(texts("a", 10));
        assertThat(atAlice.messages).containsExactlyElementsOf(texts("b", 10));
        assertThat(alice.status().counters().handshakes() + bob.status().counters().handshakes()).isEqualTo(2);
    }

    @Test
    void afterTenIdleMinutesMessagesStillFlowOnFreshKeys() {
        SimPair pair = new SimPair(17);
        List<Path> paths = pair.connect();
        Recorder atAlice = new Recorder();
        Recorder atBob = new Recorder();
        ChatSession alice = pair.openAlice(SessionConfig.defaults(), paths.get(0), pair.bobKey.publicKey(), atAlice);
        ChatSession bob = pair.openBob(SessionConfig.defaults(), paths.get(1), pair.aliceKey.publicKey(), atBob);
        assertThat(pair.runUntil(() -> atAlice.established && atBob.established, Duration.ofSeconds(10))).isTrue();

        pair.loop().runFor(Duration.ofMinutes(10));
        sendAll(bob, "late", 3);

        assertThat(pair.runUntil(() -> atBob.delivered.size() == 3, Duration.ofSeconds(10))).isTrue();
        assertThat(atAlice.messages).containsExactlyElementsOf(texts("late", 3));
        assertThat(alice.status().counters().handshakes()).as("a rekey every 2 minutes").isGreaterThanOrEqualTo(5);
        // Alice sent nothing: the round trip she shows comes from the path's keepalives while idle.
        assertThat(alice.status().srtt()).isEmpty();
        assertThat(alice.status().rtt()).hasValueSatisfying(rtt -> assertThat(rtt).isPositive());
        assertThat(atAlice.states).containsExactly(SessionState.ESTABLISHED);
        assertThat(atBob.states).containsExactly(SessionState.ESTABLISHED);
    }
}
