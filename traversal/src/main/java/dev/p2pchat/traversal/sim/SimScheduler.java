package dev.p2pchat.traversal.sim;

import dev.p2pchat.traversal.loop.Cancellable;
import dev.p2pchat.traversal.loop.TaskLoop;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * Virtual time: an event queue ordered by (time, submission order). Nothing happens until the test calls
 * one of the {@code run} methods, which jump the clock from event to event — a five-minute scenario takes
 * milliseconds, and with the same seed it runs the same way every time. Single-threaded: every agent,
 * endpoint and NAT of one simulated internet shares this loop, and all calls come from the thread that
 * runs it. A task that throws stops the run and reaches the test.
 */
public final class SimScheduler implements TaskLoop {
    /** Where virtual time starts; any fixed instant will do. */
    public static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");

    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private Instant now = EPOCH;
    private long sequence;

    private static final class Event implements Comparable<Event> {
        final Instant at;
        final long sequence;
        final Runnable task;
        boolean cancelled;

        Event(Instant at, long sequence, Runnable task) {
            this.at = at;
            this.sequence = sequence;
            this.task = task;
        }

        @Override
        public int compareTo(Event o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public void execute(Runnable task) {
        schedule(Duration.ZERO, task);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        if (delay.isNegative()) {
            delay = Duration.ZERO;
        }
        Event e = new Event(now.plus(delay), sequence++, task);
        queue.add(e);
        return () -> e.cancelled = true;
    }

    /** Runs events until {@code done} holds or {@code limit} of virtual time has passed; returns {@code done}. */
    public boolean runUntil(BooleanSupplier done, Duration limit) {
        Instant deadline = now.plus(limit);
        while (!done.getAsBoolean()) {
            Event next = queue.peek();
            if (next == null || next.at.isAfter(deadline)) {
                now = deadline;
                return done.getAsBoolean();
            }
            runNext();
        }
        return true;
    }

    /** Runs every event due within {@code duration}, then sets the clock to its end. */
    public void runFor(Duration duration) {
        runUntil(() -> false, duration);
    }

    /** Events waiting (cancelled ones included until their time comes). */
    public int pending() {
        return queue.size();
    }

    private void runNext() {
        Event e = queue.poll();
        now = e.at;
        if (!e.cancelled) {
            e.task.run();
        }
    }
}
