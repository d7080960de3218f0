package dev.p2pchat.session;

import dev.p2pchat.protocol.frame.FrameType;
import dev.p2pchat.protocol.noise.LocalIndices;
import dev.p2pchat.protocol.noise.NoiseKeyPair;
import dev.p2pchat.protocol.noise.NoisePublicKey;
import dev.p2pchat.protocol.noise.PeerEvent;
import dev.p2pchat.protocol.noise.PeerSession;
import dev.p2pchat.protocol.noise.SecureChannel;
import dev.p2pchat.protocol.reliable.CloseReason;
import dev.p2pchat.protocol.reliable.DeliveredIds;
import dev.p2pchat.protocol.reliable.MessageId;
import dev.p2pchat.protocol.reliable.ReliableStream;
import dev.p2pchat.protocol.reliable.SendResult;
import dev.p2pchat.protocol.reliable.StreamEvent;
import dev.p2pchat.traversal.Path;
import dev.p2pchat.traversal.loop.TaskLoop;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;

/**
 * The session with one peer: Noise ({@link PeerSession}: IK with the pinned key, rekeying, seal/open)
 * and the reliable stream ({@link ReliableStream}) over a traversal {@link Path}, all driven from one
 * {@link TaskLoop}. The same code runs on the wall clock and on the simulated internet's virtual time.
 *
 * <p>Each datagram goes to {@code noise.receive}; handshake answers go back on the path; transport
 * plaintext goes to {@code stream.receive}, whose events reach the listener before the pump runs. The
 * pump seals what {@code stream.collect} returns and sends it, then sets one timer at the earlier of the
 * stream's next timeout, the next Noise tick and the next idle PING.
 *
 * <p><b>Stream epochs.</b> Each session draws a random 64-bit epoch and sends it as the payload of all its
 * handshake messages. A handshake naming the epoch already known is a rekey and the stream goes on; a new
 * one means the peer restarted, so a fresh stream starts and every unacknowledged message is offered to it
 * again (the peer's {@link DeliveredIds} keeps that exactly-once). See {@link SessionState} for the states.
 *
 * <p>{@link #send}, {@link #attachPath}, {@link #close} and {@link #status} may be called from any thread;
 * everything else happens on the loop.
 */
public final class ChatSession implements AutoCloseable {
    private final SessionConfig config;
    private final TaskLoop loop;
    private final PeerSession noise;
    private final DeliveredIds deliveredIds;
    private final SessionListener listener;
    private final SessionRole role;
    private final SessionOutbox outbox = new SessionOutbox();
    private final SessionCounters.Tally tally = new SessionCounters.Tally();
    private ReliableStream stream;
    private OptionalLong remoteEpoch = OptionalLong.empty();
    private Path path;
    private SessionState state = SessionState.CONNECTING;
    private Instant nextTick;
    private Optional<Duration> pathRtt = Optional.empty();
    private Instant connectDeadline;
    private boolean handshakeFailureReported;
    private Integer keysBeforeEvent;
    private Integer staleKeys;
    private final LoopTimer timer;
    private final PathEvents pathEvents;
    private volatile SessionStatus status;

    private ChatSession(SessionConfig config, TaskLoop loop, Path path, SessionRole role, PeerSession noise,
                        DeliveredIds deliveredIds, SessionListener listener) {
        this.config = config;
        this.loop = loop;
        this.path = path;
        this.role = role;
        this.noise = noise;
        this.deliveredIds = deliveredIds;
        this.listener = listener;
        this.stream = new ReliableStream(config.stream(), deliveredIds);
        this.timer = new LoopTimer(loop, this::onTimer);
        this.pathEvents = new PathEvents(loop, new PathEvents.Handler() {
            @Override
            public void frame(Path from, byte[] datagram) {
                if (from == ChatSession.this.path) {
                    onDatagram(datagram);
                }
            }

            @Override
            public void moved(Path p) {
                if (p == ChatSession.this.path && state != SessionState.CLOSED) {
                    pathMoved(p);
                }
            }

            @Override
            public void rtt(Path p, Duration rtt) {
                if (p == ChatSession.this.path) {
                    pathRtt = Optional.of(rtt);
                    refreshStatus();
                }
            }

            @Override
            public void lost(Path p, String reason) {
                if (p == ChatSession.this.path) {
                    pathLost(reason);
                }
            }
        });
        refreshStatus();
    }

    /**
     * Opens a session over {@code path}; the initiator sends its handshake at once.
     *
     * @param pinnedPeer the peer's static key as pinned by the client: the handshake accepts no other
     * @param deliveredIds ids of messages already delivered from this peer (kept across sessions)
     * @param random for the epoch, ephemeral keys and indices: a SecureRandom outside tests
     */
    public static ChatSession open(SessionConfig config, TaskLoop loop, Path path, SessionRole role,
                                   NoiseKeyPair local, NoisePublicKey pinnedPeer, DeliveredIds deliveredIds,
                                   SessionListener listener, RandomGenerator random) {
        byte[] epoch = StreamEpoch.encode(random.nextLong());
        PeerSession noise = new PeerSession(local, pinnedPeer, random, LocalIndices.random(random), config.rekey(),
                epoch);
        ChatSession session = new ChatSession(config, loop, path, role, noise, deliveredIds, listener);
        loop.execute(session::start);
        return session;
    }

    private void start() {
        Instant now = loop.now();
        nextTick = now.plus(config.tick());
        connectDeadline = now.plus(config.rekey().rekeyAttemptTime());
        path.setListener(pathEvents);
        if (role == SessionRole.INITIATOR) {
            transmit(noise.initiate(now));
        }
        pump();
    }

    /** Queues a message; {@link SessionListener#onDelivered} follows once the peer has it. Any thread. */
    public void send(MessageId id, byte[] payload) {
        byte[] copy = payload.clone();
        loop.execute(() -> {
            if (state != SessionState.CLOSED) {
                refused(outbox.add(id, copy, stream));
                pump();
            }
        });
    }

    /** Hands in a new path (after the old one was lost, or to replace it); the old one is closed. */
    public void attachPath(Path newPath) {
        loop.execute(() -> {
            if (state == SessionState.CLOSED) {
                newPath.close();
                return;
            }
            Path old = path;
            path = newPath;
            if (old != newPath) {
                old.close();
                pathRtt = Optional.empty(); // the old path's round trip says nothing of the new one
            }
            newPath.setListener(pathEvents);
            boolean handshaked = remoteEpoch.isPresent();
            if (!handshaked) {
                connectDeadline = loop.now().plus(config.rekey().rekeyAttemptTime());
            }
            changeState(handshaked ? SessionState.ESTABLISHED : SessionState.CONNECTING);
            // Either side handshakes on a new path: the peer may have restarted (a new epoch) and lost our
            // keys. If both start at once, Noise's tie-break keeps one handshake.
            transmit(noise.initiate(loop.now()));
            stream.pathChanged(loop.now());
            listener.onPathChanged(PathKind.of(newPath), newPath.remoteAddress());
            pump();
        });
    }

    /** The latest snapshot, updated at the end of every loop task. Any thread. */
    public SessionStatus status() {
        return status;
    }

    /** Sends CLOSE (if keys and a path are there), stops the timers and closes the path. Any thread. */
    @Override
    public void close() {
        loop.execute(() -> end("closed locally", true));
    }

    private void onDatagram(byte[] datagram) {
        if (state == SessionState.CLOSED) {
            return;
        }
        tally.received++;
        Instant now = loop.now();
        keysBeforeEvent = noise.current().map(SecureChannel::localIndex).orElse(null);
        switch (noise.receive(now, datagram)) {
            case PeerEvent.Responded r -> {
                if (peerEpoch(r.payload())) {
                    tally.handshakes++;
                    transmit(r.response());
                }
            }
            case PeerEvent.Established e -> {
                transmit(e.confirmation());
                tally.handshakes++;
                if (!peerEpoch(e.payload())) {
                    end("the peer's handshake carried no stream epoch", true);
                    return;
                }
                established();
            }
            case PeerEvent.Data d -> {
                if (staleKeys != null && staleKeys == receiverIndex(datagram)) {
                    tally.drop(DropKind.STALE_STREAM);
                    break;
                }
                established(); // a responder's keys are confirmed by the initiator's first packet
                if (d.plaintext().length > 0) {
                    handle(stream.receive(d.plaintext(), now));
                }
            }
            case PeerEvent.KeptInitiatorRole ignored -> { }
            case PeerEvent.Dropped d -> dropped(d.reason(), datagram);
        }
        pump();
    }

    /** Checks the epoch of a handshake: a new one from a peer we knew means it restarted. */
    private boolean peerEpoch(byte[] payload) {
        OptionalLong epoch = StreamEpoch.decode(payload);
        if (epoch.isEmpty()) {
            tally.drop(DropKind.BAD_EPOCH);
            return false;
        }
        if (remoteEpoch.isPresent() && remoteEpoch.getAsLong() != epoch.getAsLong()) {
            tally.streamResets++;
            // The peer's last packets of its old stream may still be on the way, under the keys we had
            // before this handshake: they must not reach the new stream (an old ACK would acknowledge
            // new messages).
            staleKeys = keysBeforeEvent;
            stream = new ReliableStream(config.stream(), deliveredIds);
            refused(outbox.restart(stream));
        }
        remoteEpoch = epoch;
        return true;
    }

    /** The receiver index of a transport datagram (0xD4 ‖ index ‖ counter ‖ ciphertext). */
    private static int receiverIndex(byte[] transport) {
        return ByteBuffer.wrap(transport, 1, Integer.BYTES).getInt();
    }

    private void established() {
        if (state == SessionState.CONNECTING && noise.current().isPresent()) {
            changeState(SessionState.ESTABLISHED);
            listener.onEstablished(PathKind.of(path), path.remoteAddress());
        }
    }

    private void handle(List<StreamEvent> events) {
        for (StreamEvent event : events) {
            switch (event) {
                case StreamEvent.MessageReceived m -> listener.onMessage(m.id(), m.payload());
                case StreamEvent.MessageAcknowledged a -> {
                    listener.onDelivered(a.id());
                    refused(outbox.acknowledged(a.id(), stream));
                }
                case StreamEvent.PeerClosed ignored -> {
                    end("the peer closed the session", false);
                    return;
                }
                case StreamEvent.PacketDropped ignored -> tally.drop(DropKind.BAD_FRAMES);
            }
        }
    }

    private void dropped(PeerEvent.Drop drop, byte[] datagram) {
        tally.drop(DropKind.of(drop));
        switch (drop) {
            case PeerEvent.Drop.UnexpectedPeerKey u -> security(new SecurityEvent.UnexpectedPeerKey(u.presented()));
            case PeerEvent.Drop.HandshakeFailed h when state == SessionState.CONNECTING && !handshakeFailureReported
                    && (datagram[0] & 0xFF) == FrameType.HANDSHAKE_INIT -> {
                // Not authentic, so junk could cause it too: reported once, the session stays open.
                handshakeFailureReported = true;
                listener.onSecurityEvent(new SecurityEvent.HandshakeFailed(h.reason()));
            }
            default -> { }
        }
    }

    /** An authentic handshake from another key: the session ends, it never goes on with that key. */
    private void security(SecurityEvent event) {
        listener.onSecurityEvent(event);
        end("security: " + event, false);
    }

    /** Sends what the stream has due, then sets the timer. */
    private void pump() {
        if (state == SessionState.CLOSED) {
            return;
        }
        Instant now = loop.now();
        if (canSend()) {
            boolean sent = false;
            for (byte[] packet : stream.collect(now)) {
                Optional<byte[]> sealed = noise.seal(now, packet);
                if (sealed.isEmpty()) {
                    break; // keys just expired: the stream retransmits once a new handshake is done
                }
                transmit(sealed.get());
                sent = true;
            }
            if (sent && stream.awaitingAck()) {
                path.expectAnswer(); // an ACK is due: silence instead means the path may be broken
            }
        } else if (remoteEpoch.isPresent() && state == SessionState.ESTABLISHED && !noise.isHandshaking()) {
            transmit(noise.initiate(now)); // keys expired (idle past Noise's key lifetime): same epoch, new keys
        }
        schedule();
        refreshStatus();
    }

    private boolean canSend() {
        return state == SessionState.ESTABLISHED && noise.current().isPresent();
    }

    private void schedule() {
        if (state == SessionState.WAITING_FOR_PATH || state == SessionState.CLOSED) {
            return;
        }
        Instant next = nextTick;
        if (canSend()) {
            Optional<Instant> streamDue = stream.nextTimeout();
            if (streamDue.isPresent()) {
                next = earlier(next, streamDue.get());
            }
        }
        timer.atOrBefore(next);
    }

    private void onTimer() {
        if (state == SessionState.CLOSED || state == SessionState.WAITING_FOR_PATH) {
            return;
        }
        Instant now = loop.now();
        if (!now.isBefore(nextTick)) {
            nextTick = now.plus(config.tick());
            switch (noise.tick(now)) {
                case PeerSession.Tick.Idle ignored -> { }
                case PeerSession.Tick.Send s -> transmit(s.initiation());
                case PeerSession.Tick.GaveUp ignored -> {
                    end("the peer did not answer the handshake for " + config.rekey().rekeyAttemptTime().toSeconds()
                            + " s", false);
                    return;
                }
            }
            if (state == SessionState.CONNECTING && !now.isBefore(connectDeadline)) {
                // A responder has no handshake timer of its own: it gives up as long as an initiator would.
                end("no handshake completed within " + config.rekey().rekeyAttemptTime().toSeconds() + " s", false);
                return;
            }
        }
        pump();
    }

    private void transmit(byte[] datagram) {
        if (state != SessionState.WAITING_FOR_PATH && state != SessionState.CLOSED) {
            path.send(datagram);
            tally.sent++;
        }
    }

    private void pathMoved(Path p) {
        stream.pathChanged(loop.now());
        refreshStatus(); // the client redraws its status line on the event: the snapshot must show the new path
        listener.onPathChanged(PathKind.of(p), p.remoteAddress());
        pump();
    }

    private void pathLost(String reason) {
        if (state != SessionState.CLOSED) {
            timer.cancel();
            listener.onPathLost(reason);
            changeState(SessionState.WAITING_FOR_PATH);
            refreshStatus();
        }
    }

    private void end(String reason, boolean sendClose) {
        if (state == SessionState.CLOSED) {
            return;
        }
        if (sendClose && canSend()) {
            stream.close(CloseReason.NORMAL);
            pump();
        }
        timer.cancel();
        changeState(SessionState.CLOSED);
        path.close();
        refreshStatus();
        listener.onClosed(reason);
    }

    private void changeState(SessionState next) {
        if (state != next) {
            state = next;
            listener.onStateChanged(next);
        }
    }

    private void refused(List<MessageId> ids) {
        ids.forEach(id -> listener.onSendRefused(id, SendResult.TOO_LARGE));
    }

    private void refreshStatus() {
        var stats = stream.stats();
        status = new SessionStatus(state, PathKind.of(path), path.remoteAddress(), stats.srtt(), pathRtt, stats.rto(),
                tally.snapshot(), stats);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
