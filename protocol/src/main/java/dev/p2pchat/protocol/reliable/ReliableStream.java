package dev.p2pchat.protocol.reliable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SequencedSet;

/**
 * One end of a reliable, ordered, exactly-once message stream, for one session with one peer. It
 * joins a {@link ReliableSender} and a {@link ReliableReceiver} and packs their frames into packets;
 * it has no socket, thread or clock.
 *
 * <p>The caller (the session, from its one owner thread) drives it:
 * <ol>
 * <li>{@link #send} a message, {@link #receive} each decrypted packet and act on the events, in that
 *     order: store a received message before the next step, because the next step may acknowledge it;</li>
 * <li>{@link #collect} the packets due now, encrypt and send them;</li>
 * <li>call {@link #collect} again at {@link #nextTimeout()} (or earlier when a packet arrives).</li>
 * </ol>
 * Times must come from a clock that does not go backwards; a {@code now} earlier than the previous
 * one is treated as equal to it.
 *
 * <pre>
 *   OPEN ──close()──▶ CLOSING ──collect() sends CLOSE──▶ CLOSED
 *     └────────── CLOSE received ───────────────────────────▲
 * </pre>
 * Not thread-safe.
 */
public final class ReliableStream {
    private enum State { OPEN, CLOSING, CLOSED }

    private final StreamConfig config;
    private final ReliableSender sender;
    private final ReliableReceiver receiver;
    private final Probe probe = new Probe();
    private State state = State.OPEN;
    private CloseReason closeReason;
    private long lastNow = Long.MIN_VALUE;
    private long packetsSent;
    private long packetsReceived;
    private long malformedPackets;

    public ReliableStream(StreamConfig config, DeliveredIds deliveredIds) {
        this.config = config;
        this.sender = new ReliableSender(config);
        this.receiver = new ReliableReceiver(config, deliveredIds);
    }

    /** Queues a message; it goes out at the next {@link #collect}. */
    public SendResult send(MessageId id, byte[] payload) {
        return state == State.OPEN ? sender.offer(id, payload) : SendResult.CLOSED;
    }

    /** Takes one decrypted packet from the peer and returns what it means for the application. */
    public List<StreamEvent> receive(byte[] packet, Instant now) {
        long t = advance(now);
        List<StreamFrame> frames;
        try {
            frames = StreamFrameCodec.decode(packet);
        } catch (FrameDecodeException e) {
            malformedPackets++;
            return List.of(new StreamEvent.PacketDropped(e.error()));
        }
        packetsReceived++;
        List<StreamEvent> events = new ArrayList<>();
        for (StreamFrame frame : frames) {
            onFrame(frame, t, events);
        }
        return events;
    }

    private void onFrame(StreamFrame frame, long now, List<StreamEvent> events) {
        switch (frame) {
            case DataFrame data -> {
                // After close() we no longer acknowledge: the peer keeps the message for the next session.
                if (state == State.OPEN) {
                    events.addAll(receiver.onData(data, now));
                }
            }
            case AckFrame ack -> {
                List<MessageId> acked = sender.onAck(ack, now);
                if (acked != null) {
                    sender.onPathAlive();
                    acked.forEach(id -> events.add(new StreamEvent.MessageAcknowledged(id)));
                }
            }
            case PingFrame ping -> probe.answer(ping.token());
            case PongFrame pong -> probe.onPong(pong.token(), now, sender);
            case CloseFrame close -> {
                if (state != State.CLOSED) {
                    state = State.CLOSED;
                    events.add(new StreamEvent.PeerClosed(close.reason()));
                }
            }
            case PaddingFrame ignored -> { }
        }
    }

    /** The packets to send at {@code now}, each at most {@link StreamConfig#maxPacketBytes()} long. */
    public List<byte[]> collect(Instant now) {
        long t = advance(now);
        List<byte[]> packets = switch (state) {
            case CLOSED -> List.of();
            case CLOSING -> PacketAssembler.pack(closingFrames(t), config.maxPacketBytes());
            case OPEN -> openPackets(t);
        };
        packetsSent += packets.size();
        return packets;
    }

    private List<byte[]> openPackets(long now) {
        boolean timedOut = sender.onTimer(now);
        List<DataFrame> data = sender.poll(now);
        List<StreamFrame> frames = new ArrayList<>();
        // Every packet with data carries an ACK as well: it is cheap and repairs lost ACKs.
        if (receiver.hasReceived() && (receiver.ackDue(now) || !data.isEmpty())) {
            frames.add(receiver.takeAck(now));
        }
        probe.addPong(frames);
        if (!timedOut) {
            probe.addPing(now, sender, frames);
        }
        frames.addAll(data);
        List<byte[]> packets = new ArrayList<>(PacketAssembler.pack(frames, config.maxPacketBytes()));
        if (timedOut) {
            // A second probe packet in its own datagram (RFC 9002 §6.2.4): PING + the segment again.
            List<StreamFrame> second = new ArrayList<>();
            probe.request();
            probe.addPing(now, sender, second);
            if (sender.probeCopy() != null) {
                second.add(sender.probeCopy());
            }
            packets.addAll(PacketAssembler.pack(second, config.maxPacketBytes()));
        }
        return packets;
    }

    private List<StreamFrame> closingFrames(long now) {
        List<StreamFrame> frames = new ArrayList<>();
        if (receiver.hasReceived()) {
            frames.add(receiver.takeAck(now));
        }
        frames.add(new CloseFrame(closeReason));
        state = State.CLOSED;
        return frames;
    }

    /** When to call {@link #collect} next, if anything is pending; may be in the past (call at once). */
    public Optional<Instant> nextTimeout() {
        if (state == State.CLOSING) {
            return Optional.of(toInstant(lastNow));
        }
        if (state == State.CLOSED) {
            return Optional.empty();
        }
        if (sender.hasWork() || probe.hasWork() || receiver.ackImmediately()) {
            return Optional.of(toInstant(lastNow));
        }
        long next = earliest(sender.timerDeadline(), receiver.ackDeadline());
        return next == ReliableSender.NONE ? Optional.empty() : Optional.of(toInstant(next));
    }

    private static long earliest(long a, long b) {
        if (a == ReliableSender.NONE) {
            return b;
        }
        return b == ReliableSender.NONE ? a : Math.min(a, b);
    }

    /** Sends a PING at the next {@link #collect}; its PONG refreshes the RTT estimate while idle. */
    public void ping() {
        if (state == State.OPEN) {
            probe.request();
        }
    }

    /**
     * The path under the session changed (migration, relay to direct, NAT rebinding): packets in
     * flight on the old path may be gone, so retry now with the backoff cleared instead of waiting it out.
     */
    public void pathChanged(Instant now) {
        long t = advance(now);
        if (state == State.OPEN) {
            sender.onPathChanged(t);
            probe.request();
        }
    }

    /** Ends the stream: the next {@link #collect} sends CLOSE; unacknowledged messages stay unacknowledged. */
    public void close(CloseReason reason) {
        if (state == State.OPEN) {
            closeReason = reason;
            state = State.CLOSING;
        }
    }

    public boolean isOpen() {
        return state == State.OPEN;
    }

    /** Data was sent that the peer has not acknowledged yet: an answer is due. */
    public boolean awaitingAck() {
        return sender.awaitingAck();
    }

    /** Messages not yet acknowledged, in sending order: the ones to re-send in the next session. */
    public SequencedSet<MessageId> unacknowledged() {
        return sender.unacknowledged();
    }

    public StreamStats stats() {
        var s = sender.counters();
        var r = receiver.counters();
        RtoEstimator rto = sender.rto();
        long minRtt = sender.minRtt();
        return new StreamStats(s.messagesAccepted, s.messagesAcknowledged, s.segmentsSent, s.retransmissions,
                s.fastRetransmits, s.timeouts, s.invalidAcks,
                r.messagesDelivered, r.segmentsReceived, r.duplicateSegments, r.duplicateMessages,
                r.outOfOrderSegments, r.outOfWindowSegments, receiver.discardedMessages(), r.acksSent,
                packetsSent, packetsReceived, malformedPackets,
                sender.inFlightCount(), sender.queuedCount(), receiver.bufferedSegments(),
                Duration.ofNanos(rto.rto()), rto.srtt(), rto.rttvar(),
                minRtt == ReliableSender.NONE ? Optional.empty() : Optional.of(Duration.ofNanos(minRtt)));
    }

    private long advance(Instant now) {
        long t = Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
        lastNow = Math.max(lastNow, t);
        return lastNow;
    }

    private static Instant toInstant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
