package dev.p2pchat.session;

import static dev.p2pchat.session.ChatSessionSimTest.sendAll;
import static dev.p2pchat.session.ChatSessionSimTest.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.protocol.frame.FrameType;
import dev.p2pchat.protocol.noise.HandshakeException;
import dev.p2pchat.protocol.noise.NoiseKeyPair;
import dev.p2pchat.traversal.Path;
import dev.p2pchat.traversal.net.Datagram;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What a hostile or broken network can do to a session: tampered, replayed, truncated and junk datagrams
 * are dropped and counted while the messages get through; a peer with another key gets no session.
 */
class HostileInputSimTest {

    /** Each transport datagram arrives with a tampered copy, a replay, a truncated copy and junk. */
    private static List<Datagram> mangle(Datagram d, SplittableRandom random) {
        if (d.firstByte() != FrameType.TRANSPORT) {
            return List.of(d);
        }
        byte[] data = d.data();
        byte[] tampered = data.clone();
        tampered[random.nextInt(1, data.length)] ^= (byte) (1 << random.nextInt(8));
        byte[] junk = new byte[random.nextInt(1, 200)];
        random.nextBytes(junk);
        junk[0] = (byte) (FrameType.HANDSHAKE_INIT + random.nextInt(4));
        return List.of(d, new Datagram(d.source(), tampered), d,
                new Datagram(d.source(), Arrays.copyOf(data, random.nextInt(1, data.length))),
                new Datagram(d.source(), junk));
    }

    @Test
    void tamperedReplayedTruncatedAndJunkDatagramsAreDroppedAndCounted() {
        SimPair pair = new SimPair(21);
        List<Path> paths = pair.connect();
        Recorder atAlice = new Recorder();
        Recorder atBob = new Recorder();
        ChatSession alice = pair.openAlice(SessionConfig.defaults(), paths.get(0), pair.bobKey.publicKey(), atAlice);
        ChatSession bob = pair.openBob(SessionConfig.defaults(), paths.get(1), pair.aliceKey.publicKey(), atBob);
        assertThat(pair.runUntil(() -> atAlice.established && atBob.established, Duration.ofSeconds(10))).isTrue();
        byte[] initiation = pair.aliceWire.sent.stream().filter(b -> (b[0] & 0xFF) == FrameType.HANDSHAKE_INIT)
                .findFirst().orElseThrow();

        SplittableRandom random = new SplittableRandom(5);
        boolean[] replayedInitiation = {false};
        pair.bobWire.inbound = d -> {
            List<Datagram> out = new ArrayList<>(mangle(d, random));
            if (!replayedInitiation[0] && d.firstByte() == FrameType.TRANSPORT) {
                replayedInitiation[0] = true;
                out.add(new Datagram(d.source(), initiation)); // an old initiation: must not make Bob respond
            }
            return out;
        };
        pair.aliceWire.inbound = d -> mangle(d, random);
        sendAll(alice, "a", 200);
        sendAll(bob, "b", 200);

        assertThat(pair.runUntil(() -> atAlice.delivered.size() == 200 && atBob.delivered.size() == 200,
                Duration.ofMinutes(1))).isTrue();
        assertThat(atBob.messages).containsExactlyElementsOf(texts("a", 200));
        assertThat(atAlice.messages).containsExactlyElementsOf(texts("b", 200));
        SessionCounters counters = bob.status().counters();
        assertThat(counters.dropped(DropKind.REPLAYED)).isPositive();
        assertThat(counters.dropped(DropKind.BAD_TAG)).isPositive();
        assertThat(counters.dropped(DropKind.STALE_INITIATION)).isEqualTo(1);
        assertThat(counters.dropped(DropKind.MALFORMED) + counters.dropped(DropKind.UNKNOWN_INDEX)
                + counters.dropped(DropKind.HANDSHAKE_FAILED)).isPositive();
        assertThat(counters.handshakes()).as("the replayed initiation got no response").isEqualTo(1);
        assertThat(atBob.security).isEmpty();
        assertThat(atBob.states).containsExactly(SessionState.ESTABLISHED);
        assertThat(alice.status().counters().droppedTotal()).isGreaterThan(200);
    }

    @Test
    void aResponderThatPinnedAnotherKeyReportsTheKeyItWasOfferedAndGivesNoSession() {
        SimPair pair = new SimPair(22);
        List<Path> paths = pair.connect();
        NoiseKeyPair mallory = NoiseKeyPair.generate(pair.random());
        Recorder atAlice = new Recorder();
        Recorder atBob = new Recorder();
        ChatSession alice = pair.openAlice(SessionConfig.defaults(), paths.get(0), pair.bobKey.publicKey(), atAlice);
        ChatSession bob = pair.openBob(SessionConfig.defaults(), paths.get(1), mallory.publicKey(), atBob);
        sendAll(alice, "x", 1);

        assertThat(pair.runUntil(() -> atBob.closed != null, Duration.ofSeconds(10))).isTrue();
        assertThat(atBob.security).singleElement()
                .isEqualTo(new SecurityEvent.UnexpectedPeerKey(pair.aliceKey.publicKey()));
        assertThat(bob.status().state()).isEqualTo(SessionState.CLOSED);
        // Bob closed his side: Alice's path falls silent and her session waits for another one.
        assertThat(pair.runUntil(() -> alice.status().state() == SessionState.WAITING_FOR_PATH, Duration.ofMinutes(2)))
                .isTrue();
        assertThat(atAlice.established || atBob.established).isFalse();
        assertThat(atBob.messages).isEmpty();
    }

    @Test
    void anInitiatorThatPinnedAnotherKeyIsNeverAnsweredAndGivesUp() {
        SimPair pair = new SimPair(23);
        List<Path> paths = pair.connect();
        NoiseKeyPair mallory = NoiseKeyPair.generate(pair.random());
        Recorder atAlice = new Recorder();
        Recorder atBob = new Recorder();
        ChatSession alice = pair.openAlice(SessionConfig.defaults(), paths.get(0), mallory.publicKey(), atAlice);
        pair.openBob(SessionConfig.defaults(), paths.get(1), pair.aliceKey.publicKey(), atBob);
        sendAll(alice, "secret", 3);

        assertThat(pair.runUntil(() -> atAlice.closed != null && atBob.closed != null, Duration.ofMinutes(2))).isTrue();
        assertThat(atBob.security).singleElement()
                .isEqualTo(new SecurityEvent.HandshakeFailed(HandshakeException.Reason.DECRYPTION_FAILED));
        assertThat(atAlice.closed).contains("did not answer the handshake");
        assertThat(atAlice.established || atBob.established).isFalse();
        assertThat(atBob.messages).isEmpty();
    }
}
