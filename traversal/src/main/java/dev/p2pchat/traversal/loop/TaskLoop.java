package dev.p2pchat.traversal.loop;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;

/**
 * The one place where an agent's state changes (after pion's taskloop): tasks run one at a time, in
 * submission order, and timers fire on the same loop. Time comes from the loop too, so the same code runs
 * on the wall clock ({@link ThreadTaskLoop}) and on virtual time (the simulated internet's scheduler).
 */
public interface TaskLoop extends Executor {

    /** The loop's current time. */
    Instant now();

    /** Runs {@code task} on the loop after {@code delay}. */
    Cancellable schedule(Duration delay, Runnable task);

    /** Runs {@code task} on the loop as soon as possible, after the tasks already queued. */
    @Override
    void execute(Runnable task);
}
