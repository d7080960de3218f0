package dev.p2pchat.protocol.reliable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * A deterministic, event-driven, lossy channel between two {@link ReliableStream}s, on a virtual clock
 * with a seeded RNG. It drives both ends exactly as a session would: receive a packet, hand the events
 * to the application, collect what is due, and come back at {@code nextTimeout()}.
 */
final class SimulatedChannel {
    private static final long MAX_EVENTS_PER_RUN = 5_000_000;
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    /** The application above one end of the stream: what it sent, received and saw acknowledged. */
    static final class Peer {
        final String name;
        ReliableStream stream;
        final List<StreamEvent.MessageReceived> received = new ArrayList<>();
        final List<MessageId> acknowledged = new ArrayList<>();
        final List<DecodeError> dropped = new ArrayList<>();
        long scheduledTimer = Long.MIN_VALUE;

        Peer(String name, ReliableStream stream) {
            this.name = name;
            this.stream = stream;
        }

        void onEvents(List<StreamEvent> events) {
            for (StreamEvent event : events) {
                switch (event) {
                    case StreamEvent.MessageReceived m -> received.add(m);
                    case StreamEvent.MessageAcknowledged a -> acknowledged.add(a.id());
                    case StreamEvent.PacketDropped d -> dropped.add(d.error());
                    case StreamEvent.PeerClosed ignored -> { }
                }
            }
        }
    }

    private record Event(long at, long order, Peer to, byte[] packet) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            return at != o.at ? Long.compare(at, o.at) : Long.compare(order, o.order);
        }
    }

    final Peer a;
    final Peer b;
    private final LinkParams aToB;
    private final LinkParams bToA;
    private final SplittableRandom random;
    private final PriorityQueue<Event> events = new PriorityQueue<>();
    private long order;
    private long lastInOrderToA;
    private long lastInOrderToB;
    private long now;
    private long packetsOffered;
    private long packetsLost;
    private long eventsProcessed;
    /** Drops everything in both directions while set: a path outage. */
    boolean blackout;

    SimulatedChannel(ReliableStream a, ReliableStream b, LinkParams aToB, LinkParams bToA, long seed) {
        this.a = new Peer("A", a);
        this.b = new Peer("B", b);
        this.aToB = aToB;
        this.bToA = bToA;
        this.random = new SplittableRandom(seed);
    }

    Instant now() {
        return START.plusNanos(now);
    }

    Duration elapsed() {
        return Duration.ofNanos(now);
    }

    long packetsOffered() {
        return packetsOffered;
    }

    long packetsLost() {
        return packetsLost;
    }

    /** Lets {@code peer} send what is due now; call after the application queued messages. */
    void flush(Peer peer) {
        for (byte[] packet : peer.stream.collect(now())) {
            transmit(peer, packet);
        }
        scheduleTimer(peer);
    }

    /** Runs events until {@code done} holds (true) or the virtual clock passes {@code limit} (false). */
    boolean runUntil(BooleanSupplier done, Duration limit) {
        long end = now + limit.toNanos();
        long budget = eventsProcessed + MAX_EVENTS_PER_RUN;
        while (!done.getAsBoolean()) {
            if (eventsProcessed > budget) {
                throw new AssertionError("no progress: " + MAX_EVENTS_PER_RUN + " events at t=" + elapsed());
            }
            Event next = events.poll();
            if (next == null || next.at > end) {
                return false;
            }
            now = Math.max(now, next.at);
            eventsProcessed++;
            if (next.packet != null) {
                next.to.onEvents(next.to.stream.receive(next.packet, now()));
                flush(next.to);
            } else if (next.at == next.to.scheduledTimer) {
                next.to.scheduledTimer = Long.MIN_VALUE;
                flush(next.to);
            }
        }
        return true;
    }

    /** Advances the clock to {@code duration} from now, processing everything due until then. */
    void runFor(Duration duration) {
        long end = now + duration.toNanos();
        runUntil(() -> events.isEmpty() || events.peek().at > end, duration);
        now = Math.max(now, end);
    }

    long eventsProcessed() {
        return eventsProcessed;
    }

    private void transmit(Peer from, byte[] packet) {
        Peer to = from == a ? b : a;
        LinkParams link = from == a ? aToB : bToA;
        packetsOffered++;
        boolean lost = blackout || random.nextDouble() < link.loss();
        if (lost) {
            packetsLost++;
            return;
        }
        deliver(to, packet, link);
        if (random.nextDouble() < link.duplicate()) {
            deliver(to, packet, link);
        }
    }

    /**
     * Jitter varies the delay but keeps the order, as a queue on a real path does; only the
     * {@code reorder} share of packets (and duplicates) overtake or fall behind others.
     */
    private void deliver(Peer to, byte[] packet, LinkParams link) {
        long at = now + link.latency().toNanos();
        if (link.jitter().toNanos() > 0) {
            at += random.nextLong(link.jitter().toNanos());
        }
        if (random.nextDouble() < link.reorder()) {
            at += link.latency().toNanos() * (1 + random.nextInt(3));
        } else if (to == b) {
            at = lastInOrderToB = Math.max(lastInOrderToB, at);
        } else {
            at = lastInOrderToA = Math.max(lastInOrderToA, at);
        }
        events.add(new Event(at, order++, to, packet.clone()));
    }

    private void scheduleTimer(Peer peer) {
        peer.stream.nextTimeout().ifPresent(at -> {
            long t = Math.max(now, Duration.between(START, at).toNanos());
            if (t != peer.scheduledTimer) {
                peer.scheduledTimer = t;
                events.add(new Event(t, order++, peer, null));
            }
        });
    }
}
