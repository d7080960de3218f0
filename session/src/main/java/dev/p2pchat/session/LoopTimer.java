package dev.p2pchat.session;

import dev.p2pchat.traversal.loop.Cancellable;
import dev.p2pchat.traversal.loop.TaskLoop;
import java.time.Duration;
import java.time.Instant;

/**
 * One timer on a {@link TaskLoop} that is only ever moved earlier: asking for a later deadline than the
 * pending one keeps the pending one, and the owner works out the next deadline when it fires. So a burst of
 * sends does not leave a trail of cancelled timers behind.
 */
final class LoopTimer {
    private final TaskLoop loop;
    private final Runnable task;
    private Cancellable pending = Cancellable.NONE;
    private Instant at;

    LoopTimer(TaskLoop loop, Runnable task) {
        this.loop = loop;
        this.task = task;
    }

    /** Makes the timer fire no later than {@code deadline} (at once if it has passed). */
    void atOrBefore(Instant deadline) {
        if (at != null && !deadline.isBefore(at)) {
            return;
        }
        pending.cancel();
        at = deadline;
        Duration delay = Duration.between(loop.now(), deadline);
        pending = loop.schedule(delay.isNegative() ? Duration.ZERO : delay, this::fire);
    }

    void cancel() {
        pending.cancel();
        pending = Cancellable.NONE;
        at = null;
    }

    private void fire() {
        pending = Cancellable.NONE;
        at = null;
        task.run();
    }
}
